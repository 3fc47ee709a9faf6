package dev.observatory.bench.slo;

import com.sun.net.httpserver.HttpServer;
import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertEngine;
import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.AlertSettings;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.Severity;
import dev.observatory.core.alert.SinkConfig;
import dev.observatory.core.alert.UrlGuard;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10's bar "a slow or dead endpoint never blocks evaluation or other sinks (bounded queues, measured)". Two alert
 * engines in one JVM, evaluated in alternation: the baseline routes to a healthy webhook and a file sink; the other
 * routes to the same kinds plus a webhook that accepts connections and never answers (5 s timeout, 3 retries) and one
 * that answers after 2 s. {@code rules} run_metric rules flip between firing and resolved every round, so each round
 * sends {@code rules} notifications (one delivery each, grouped by rule) to every sink. Printed per engine: the
 * evaluation round's wall time (which includes handing notifications to the sinks), how long the healthy webhook takes
 * to receive the whole round after it ends, and the dead sink's counts (failed, dropped_queue_full with its queue of
 * 100, queued) — bounded, and counted rather than lost.
 * <p>
 * {@code java -cp bench/target/benchmarks.jar dev.observatory.bench.slo.SinkIsolationLoad [rounds] [rules]}
 */
public final class SinkIsolationLoad {
    private static final Actor ACTOR = Actor.anonymous("bench");

    private SinkIsolationLoad() {
    }

    /** One engine with its runs and the healthy receiver's count of deliveries. */
    private record Setup(String name, Tracking tracking, AlertEngine engine, List<Run> runs, AtomicLong healthy,
            HttpServer receiver, List<Double> evalMs, List<Double> deliveryMs) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rules = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("observatory-sink-bench-");
        HttpServer dead = server(0);
        HttpServer slow = server(2000);
        try {
            Setup base = setUp("baseline", dir.resolve("base"), rules, null, null);
            Setup hung = setUp("with-dead-and-slow", dir.resolve("hung"), rules, dead, slow);
            for (int r = 0; r < rounds; r++) {
                for (Setup s : List.of(base, hung)) {
                    round(s, r, rules);
                }
            }
            for (Setup s : List.of(base, hung)) {
                report(s);
                s.engine().close();
                s.receiver().stop(0);
            }
        } finally {
            dead.stop(0);
            slow.stop(0);
        }
    }

    /** A receiver: delayMs 0 never answers (a dead endpoint holding the connection), otherwise answers after it. */
    private static HttpServer server(long delayMs) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            try {
                Thread.sleep(delayMs == 0 ? 3_600_000 : delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    private static Setup setUp(String name, Path dir, int rules, HttpServer dead, HttpServer slow) throws IOException {
        Files.createDirectories(dir);
        AtomicLong healthyCount = new AtomicLong();
        HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        healthy.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            healthyCount.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        healthy.start();
        List<SinkConfig> sinks = new ArrayList<>();
        sinks.add(webhook("healthy", healthy, 1000));
        sinks.add(SinkConfig.of("file", "file", "alerts.jsonl").withDelivery(null, Duration.ofSeconds(5), 0, 1_000_000,
                1000));
        if (dead != null) {
            sinks.add(webhook("dead", dead, 100));
            sinks.add(webhook("slow", slow, 100));
        }
        InMemoryStorage store = new InMemoryStorage();
        Clock clock = Clock.systemUTC();
        Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
        AlertEngine engine = AlertEngine.start(tracking,
                new AlertSettings(Duration.ZERO, sinks, new UrlGuard(false, true, false), dir));
        Alerts alerts = new Alerts(tracking);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            Run run = tracking.createRun(ACTOR, new NewRun("train", "run-" + i, RunStatus.RUNNING, "bench", List.of(),
                    Map.of(), null, clock.instant(), null, null));
            runs.add(run);
            alerts.createRule(ACTOR, new AlertRule("loss-" + i, "run_metric", Map.of("run", run.id(), "metric", "loss"),
                    true, 10, Duration.ZERO, Severity.ERROR, Map.of(), null));
        }
        return new Setup(name, tracking, engine, runs, healthyCount, healthy, new ArrayList<>(), new ArrayList<>());
    }

    private static SinkConfig webhook(String name, HttpServer target, int queue) {
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
        return SinkConfig.of(name, "webhook", url).withDelivery(null, Duration.ofSeconds(5), 3, 1_000_000, queue);
    }

    /**
     * Flips every run's loss (above 10, then below), evaluates, waits for the healthy webhook to get every delivery.
     */
    private static void round(Setup s, int r, int rules) throws InterruptedException {
        double loss = r % 2 == 0 ? 20 : 1;
        long t = s.tracking().clock().millis();
        for (Run run : s.runs()) {
            s.tracking().logMetrics(ACTOR, run.id(),
                    Map.of("loss", new MetricColumns(new long[] { r }, new double[] { loss }, new long[] { t })));
        }
        long before = s.healthy().get();
        long t0 = System.nanoTime();
        int sent = s.engine().evaluate(s.tracking().clock().instant()).size();
        long t1 = System.nanoTime();
        long deadline = t1 + 30_000_000_000L;
        while (s.healthy().get() - before < sent && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long t2 = System.nanoTime();
        if (sent != rules) {
            throw new IllegalStateException(
                    s.name() + " round " + r + " sent " + sent + " notifications, not " + rules);
        }
        s.evalMs().add((t1 - t0) / 1e6);
        s.deliveryMs().add((t2 - t1) / 1e6);
    }

    private static void report(Setup s) {
        System.out.printf(
                "%-20s eval round ms: median %7.1f p90 %7.1f max %7.1f | healthy webhook has the whole round"
                        + " after ms: median %7.1f p90 %7.1f max %7.1f%n",
                s.name(), pct(s.evalMs(), 50), pct(s.evalMs(), 90), pct(s.evalMs(), 100), pct(s.deliveryMs(), 50),
                pct(s.deliveryMs(), 90), pct(s.deliveryMs(), 100));
        s.engine().sinkCounts().forEach((sink, counts) -> System.out.printf("  %-8s %s%n", sink, counts));
    }

    private static double pct(List<Double> v, int p) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = Math.max(0, (int) Math.ceil(p / 100.0 * a.length) - 1);
        return a.length == 0 ? Double.NaN : a[Math.min(i, a.length - 1)];
    }
}

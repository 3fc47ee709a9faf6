package dev.observatory.bench.slo;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertEngine;
import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.AlertSettings;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.Severity;
import dev.observatory.core.slo.Slos;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Issue 10's bar: 1,000 alert rules evaluated every 15 s with less than 10% of one core. On DuckDB with 1,000,000 spans
 * over the last day, 50 running runs and 10 SLOs: 700 trace_metric rules (20 metrics x services x 3 windows), 200
 * run_metric rules and 100 slo_burn rules. Each round runs on one evaluator thread, as in the server; the CPU time of
 * that thread (ThreadMXBean) and of the whole process per round are printed, divided by the 15 s interval.
 * <p>
 * {@code java -cp bench/target/benchmarks.jar dev.observatory.bench.slo.AlertEvalLoad [rounds]}
 */
public final class AlertEvalLoad {
    private static final String[] METRICS = { "error_rate", "p99_latency_ms", "p95_latency_ms", "fallback_rate",
            "retry_rate", "calls", "avg_cost_usd", "p50_latency_ms", "tokens_per_second", "cost_per_hour_usd" };

    private AlertEvalLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("observatory-alert-bench-");
        Path file = dir.resolve("observatory.duckdb");
        DuckDbStorage.open(file).close(); // creates the schema
        SloSpans.writeSql(file, 1_000_000, 1);
        try (DuckDbStorage store = DuckDbStorage.open(file)) {
            Instant now = Instant.ofEpochSecond(0, SloSpans.END);
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
            setUp(tracking);
            AlertEngine engine = AlertEngine.start(tracking, AlertSettings.DEFAULTS);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean();
            ExecutorService evaluator = Executors.newSingleThreadExecutor(r -> new Thread(r, "alert-evaluator"));
            List<double[]> samples = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long process0 = os.getProcessCpuTime();
                double[] s = evaluator.submit(() -> {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    int n = engine.evaluate(now).size();
                    return new double[] { (threads.getCurrentThreadCpuTime() - cpu0) / 1e6,
                            (System.nanoTime() - wall0) / 1e6, n };
                }).get();
                double process = (os.getProcessCpuTime() - process0) / 1e6;
                samples.add(new double[] { s[0], s[1], process });
                System.out.printf("round %2d: evaluator thread CPU %7.1f ms, process CPU %7.1f ms, wall %7.1f ms,"
                        + " %d notifications%n", i, s[0], process, s[1], (int) s[2]);
            }
            evaluator.shutdown();
            List<double[]> steady = samples.subList(Math.min(3, samples.size() - 1), samples.size());
            double thread = steady.stream().mapToDouble(s -> s[0]).average().orElse(0);
            double process = steady.stream().mapToDouble(s -> s[2]).average().orElse(0);
            System.out.printf("1,000 rules, steady state (rounds 3..): evaluator thread %.1f ms CPU per round = %.2f%%"
                    + " of one core at a 15 s interval; whole process %.1f ms = %.2f%%; rules with errors: %s%n",
                    thread, thread / 150, process, process / 150, new Alerts(tracking).ruleErrors().size());
            engine.close();
        }
    }

    private static void setUp(Tracking tracking) {
        Actor actor = Actor.anonymous("bench");
        Alerts alerts = new Alerts(tracking);
        Slos slos = new Slos(tracking);
        int n = 0;
        for (int i = 0; i < 700; i++) {
            String metric = METRICS[i % METRICS.length];
            String service = SloSpans.SERVICES[i / METRICS.length % SloSpans.SERVICES.length];
            int window = new int[] { 5, 15, 60 }[i % 3];
            alerts.createRule(actor,
                    new AlertRule("trace-" + i, "trace_metric",
                            Map.of("metric", metric, "service", service, "window_minutes", String.valueOf(window)),
                            true, 1e9, Duration.ofMinutes(1), Severity.WARNING, Map.of("team", "t" + i % 7), null));
            n++;
        }
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            Run run = tracking.createRun(actor, new NewRun("train", "run-" + r, RunStatus.RUNNING, "bench", List.of(),
                    Map.of(), null, tracking.clock().instant(), null, null));
            long[] steps = new long[1000];
            double[] values = new double[1000];
            long[] ts = new long[1000];
            for (int s = 0; s < 1000; s++) {
                steps[s] = s;
                values[s] = 5.0 / (1 + s * 0.01);
                ts[s] = tracking.clock().millis();
            }
            tracking.logMetrics(actor, run.id(), Map.of("loss", new MetricColumns(steps, values, ts)));
            runs.add(run);
        }
        for (int i = 0; i < 200; i++) {
            Map<String, String> params = i % 2 == 0
                    ? Map.of("run", runs.get(i % runs.size()).id(), "metric", "loss", "steps", "5")
                    : Map.of("project", "train", "metric", "loss", "steps", "3");
            alerts.createRule(actor, new AlertRule("run-" + i, "run_metric", params, true, 10, Duration.ZERO,
                    Severity.ERROR, Map.of(), null));
            n++;
        }
        for (int s = 0; s < 10; s++) {
            slos.create(actor, Map.of("name", "slo-" + s, "selector",
                    Map.of("service", SloSpans.SERVICES[s % SloSpans.SERVICES.length])));
        }
        for (int i = 0; i < 100; i++) {
            alerts.createRule(actor,
                    new AlertRule("burn-" + i, "slo_burn",
                            Map.of("slo", "slo-" + i % 10, "level", i % 2 == 0 ? "page" : "ticket"), true, 0,
                            Duration.ZERO, Severity.CRITICAL, Map.of(), null));
            n++;
        }
        if (n != 1000) {
            throw new IllegalStateException("expected 1000 rules, made " + n);
        }
    }
}

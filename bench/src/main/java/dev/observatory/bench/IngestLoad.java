package dev.observatory.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Columnar metric ingest over loopback HTTP: N clients, each sending pre-generated 10k-point batches to its own run for
 * a fixed time (after a warm-up that is not counted). Reports sustained points/s overall and per 10 s window, batch
 * latency percentiles and errors. A batch counts only when the server answered 200 with {@code accepted} equal to the
 * points sent (that answer comes after a durable commit).
 *
 * <pre>
 * java -cp bench/target/classes dev.observatory.bench.IngestLoad --url http://127.0.0.1:8765 --clients 4 --seconds 60
 * </pre>
 */
public final class IngestLoad {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final int WINDOW_S = 10;

    private final LoopbackHttp http;
    private final Options o;
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong runsCreated = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLongArray windows;
    private volatile long measureStart;
    private volatile boolean measuring;

    record Options(String url, int clients, int seconds, int warmupSeconds, int batchPoints, int keys,
            int batchesPerRun, long maxBatches, String project) {
    }

    private IngestLoad(Options o) {
        this.o = o;
        this.http = new LoopbackHttp(o.url());
        this.windows = new AtomicLongArray(o.seconds() / WINDOW_S + 2);
    }

    public static void main(String[] args) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("url", "clients", "seconds", "warmup", "batch-points", "keys",
                "batches-per-run", "max-batches", "project"));
        Options o = new Options(a.text("url", "http://127.0.0.1:8765"), a.integer("clients", 4),
                a.integer("seconds", 60), a.integer("warmup", 10), a.integer("batch-points", 10_000),
                a.integer("keys", 4), a.integer("batches-per-run", 100), a.integer("max-batches", 1_000_000),
                a.text("project", "bench-ingest"));
        if (o.clients() < 1 || o.clients() > 64 || o.seconds() < 1 || o.seconds() > 3600) {
            throw new IllegalArgumentException("--clients must be 1..64 and --seconds 1..3600");
        }
        new IngestLoad(o).run();
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        List<IngestBodies> bodies = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            bodies.add(IngestBodies.generate(1000 + c, o.batchesPerRun(), o.batchPoints(), o.keys()));
        }
        System.out.printf(Locale.ROOT, "generated %d x %d bodies of %d points (%.1f MB) in %.1f s%n", o.clients(),
                o.batchesPerRun(), o.batchPoints(), bodies.stream().mapToLong(IngestBodies::totalBytes).sum() / 1e6,
                (System.nanoTime() - t0) / 1e9);
        List<Latencies> lat = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long warmupEnd = System.nanoTime() + o.warmupSeconds() * 1_000_000_000L;
        long end = warmupEnd + o.seconds() * 1_000_000_000L;
        for (int c = 0; c < o.clients(); c++) {
            Latencies l = new Latencies(o.seconds() * 200);
            lat.add(l);
            int client = c;
            threads.add(Thread.ofPlatform().name("ingest-" + c)
                    .start(() -> client(client, bodies.get(client), l, warmupEnd, end)));
        }
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        measureStart = System.nanoTime();
        measuring = true;
        for (Thread t : threads) {
            t.join();
        }
        report(Latencies.merge(lat), (System.nanoTime() - measureStart) / 1e9);
    }

    private void client(int c, IngestBodies bodies, Latencies lat, long warmupEnd, long end) {
        try {
            String runId = null;
            int next = bodies.bodies().size();
            long sent = 0;
            while (System.nanoTime() < end && sent++ < o.maxBatches()) {
                if (next == bodies.bodies().size()) {
                    runId = http.createRun(o.project(),
                            "load-c" + c + "-" + System.currentTimeMillis() + "-" + runsCreated.incrementAndGet());
                    next = 0;
                }
                send(runId, bodies.bodies().get(next++), bodies.pointsPerBatch(), lat);
            }
        } catch (IOException | InterruptedException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, "client " + c + " stopped: " + e);
        }
    }

    private void send(String runId, byte[] body, int n, Latencies lat) throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(http.uri("/api/v1/runs/" + runId + "/metrics"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        String problem;
        try {
            HttpResponse<String> r = http.client().send(req, HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            Matcher m = ACCEPTED.matcher(r.body());
            if (r.statusCode() == 200 && m.find() && Long.parseLong(m.group(1)) == n) {
                if (measuring && t1 > measureStart) {
                    lat.add(t1 - t0);
                    points.addAndGet(n);
                    batches.incrementAndGet();
                    int w = (int) ((t1 - measureStart) / 1_000_000_000L / WINDOW_S);
                    windows.addAndGet(Math.min(w, windows.length() - 1), n);
                }
                return;
            }
            problem = r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length()));
        } catch (IOException e) {
            problem = e.toString();
        }
        if (measuring) {
            errors.incrementAndGet();
        }
        firstError.compareAndSet(null, problem);
    }

    private void report(Latencies lat, double seconds) {
        double rate = points.get() / seconds;
        System.out.printf(Locale.ROOT, "clients=%d batch=%d points (%d keys) measured=%.1f s (after %d s warm-up)%n",
                o.clients(), o.batchPoints(), o.keys(), seconds, o.warmupSeconds());
        StringBuilder w = new StringBuilder();
        double minWindow = Double.MAX_VALUE;
        int full = (int) (seconds / WINDOW_S);
        for (int i = 0; i < full; i++) {
            double r = windows.get(i) / (double) WINDOW_S;
            minWindow = Math.min(minWindow, r);
            w.append(String.format(Locale.ROOT, " %.0f", r));
        }
        System.out.println("points/s per " + WINDOW_S + " s window:" + w);
        System.out.printf(Locale.ROOT, "batches=%d points=%d errors=%d runs=%d%n", batches.get(), points.get(),
                errors.get(), runsCreated.get());
        System.out.printf(Locale.ROOT, "batch latency ms: p50=%s p99=%s max=%s%n", lat.millis(50), lat.millis(99),
                lat.millis(100));
        if (firstError.get() != null) {
            System.out.println("first error: " + firstError.get());
        }
        System.out.printf(Locale.ROOT,
                "RESULT ingest points_per_s=%.0f min_window_points_per_s=%.0f p50_ms=%s p99_ms=%s errors=%d%n", rate,
                full == 0 ? rate : minWindow, lat.millis(50), lat.millis(99), errors.get());
    }
}

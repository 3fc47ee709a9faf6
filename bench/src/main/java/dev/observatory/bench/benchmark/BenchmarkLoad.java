package dev.observatory.bench.benchmark;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.benchmark.BenchmarkProgress;
import dev.observatory.core.benchmark.BenchmarkRequest;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run_benchmark bar (issue 7): requests per second that the benchmark engine generates against a trivial endpoint
 * on 127.0.0.1 (bar: >= 5,000/s), through the real service ({@link Benchmarks#run}) with its HdrHistogram recording and
 * result storage. Arguments: seconds per level (default 5), then concurrency levels (default 1 4 16 64).
 * {@code -Dobservatory.benchmark.jdkClient=true} sends plain http through the JDK HttpClient instead of the keep-alive
 * socket transport, for comparison.
 */
public final class BenchmarkLoad {
    private BenchmarkLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Integer> levels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        if (levels.isEmpty()) {
            levels = List.of(1, 4, 16, 64);
        }
        Clock clock = Clock.systemUTC();
        try (TrivialEndpoint endpoint = new TrivialEndpoint();
                InMemoryStorage store = new InMemoryStorage(clock)) {
            Auditor auditor = new Auditor(store.audit(), clock);
            Tracking tracking = new Tracking(store, clock, false, auditor);
            BenchmarkRequest warm = new BenchmarkRequest("http://127.0.0.1:" + endpoint.port(), null, null, null,
                    List.of("warm up"), 8, List.of(4), Duration.ofSeconds(2), null, null, "bench", "0", null);
            new Benchmarks(tracking).run(Actor.anonymous("bench"), warm, BenchmarkProgress.NONE);
            BenchmarkRequest req = new BenchmarkRequest("http://127.0.0.1:" + endpoint.port(), null, null, null,
                    List.of("hello world", "the quick brown fox jumps"), 8, levels, Duration.ofSeconds(seconds), null,
                    null, "bench", "1", null);
            Benchmark b = new Benchmarks(tracking).run(Actor.anonymous("bench"), req, BenchmarkProgress.NONE);
            String transport = Boolean.getBoolean("observatory.benchmark.jdkClient") ? "JDK HttpClient (HTTP/1.1)"
                    : "keep-alive sockets";
            System.out.println("run_benchmark against a trivial endpoint on 127.0.0.1, transport: " + transport + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs, " + seconds + " s per level");
            System.out.println("concurrency  requests  req/s     p50 ms  p95 ms  p99 ms  errors  tokens/s");
            for (BenchmarkLevel l : b.levels()) {
                System.out.println(String.format(Locale.ROOT, "%11d  %8d  %8.0f  %6.3f  %6.3f  %6.3f  %6d  %8.0f",
                        l.concurrency(), l.requests(), l.throughputRps(), l.p50Ms(), l.p95Ms(), l.p99Ms(), l.errors(),
                        l.tokensPerSecond() == null ? 0 : l.tokensPerSecond()));
            }
            auditor.close();
        }
    }
}

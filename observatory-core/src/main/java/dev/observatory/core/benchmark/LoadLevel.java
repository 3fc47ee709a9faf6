package dev.observatory.core.benchmark;

import dev.observatory.model.benchmark.BenchmarkLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * One concurrency level: {@code concurrency} virtual threads, each with its own connection and HdrHistogram, sending
 * back to back until the deadline or until the level's request budget is spent. Latency is measured from just before
 * the request is written to the last byte of the answer.
 */
final class LoadLevel {
    /** Longest latency the histograms track (longer ones are clamped): 10 minutes in microseconds. */
    static final long MAX_MICROS = 600_000_000L;

    private final int concurrency;
    private final long deadlineNanos;
    private final AtomicLong budget;
    private final IntFunction<Transport> transports;
    final AtomicLong done = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong answersWithUsage = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    LoadLevel(int concurrency, long durationNanos, Long requests, IntFunction<Transport> transports) {
        this.concurrency = concurrency;
        this.deadlineNanos = System.nanoTime() + durationNanos;
        this.budget = requests == null ? null : new AtomicLong(requests);
        this.transports = transports;
    }

    BenchmarkLevel run() throws InterruptedException {
        long start = System.nanoTime();
        List<Future<Histogram>> workers = new ArrayList<>(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> work(worker)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = histogram();
        for (Future<Histogram> f : workers) {
            try {
                all.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a benchmark worker failed", e.getCause());
            }
        }
        long n = done.get();
        Long tok = answersWithUsage.get() > 0 ? tokens.get() : null;
        return new BenchmarkLevel(concurrency, n, errors.get(), seconds, n / seconds, ms(all, 50), ms(all, 95),
                ms(all, 99), all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1000.0,
                all.getTotalCount() == 0 ? 0 : all.getMean() / 1000.0, tok, tok == null ? null : tok / seconds,
                firstError.get());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static Histogram histogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    private Histogram work(int worker) {
        Histogram h = histogram();
        int payload = worker;
        try (Transport t = transports.apply(worker)) {
            while (System.nanoTime() < deadlineNanos && (budget == null || budget.getAndDecrement() > 0)) {
                long t0 = System.nanoTime();
                try {
                    Transport.Answer a = t.send(payload++);
                    if (a.status() / 100 == 2) {
                        countTokens(a.body());
                    } else {
                        fail("HTTP " + a.status() + ": " + UsageParser.snippet(a.body()));
                    }
                } catch (IOException | RuntimeException e) {
                    fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                h.recordValue(Math.min(MAX_MICROS, Math.max(1, (System.nanoTime() - t0) / 1000)));
                done.incrementAndGet();
            }
        }
        return h;
    }

    private void countTokens(byte[] body) {
        long t = UsageParser.completionTokens(body);
        if (t >= 0) {
            tokens.addAndGet(t);
            answersWithUsage.incrementAndGet();
        }
    }

    private void fail(String why) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, why.length() > 300 ? why.substring(0, 300) : why);
    }
}

package dev.observatory.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the per-run analyses of a comparison a few at a time. Each one is mostly waiting on small store queries (the M4
 * chart of a series, its error lines), so overlapping them cuts the wall time even on two cores. The system property
 * {@code observatory.serialAnalysis=true} runs them one by one: the benchmarks' in-run baseline.
 */
final class Parallel {
    static final int THREADS = 4;

    private Parallel() {
    }

    /** f applied to every item, results in the items' order; the first failure is rethrown as it was thrown. */
    static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        if (items.size() < 2 || Boolean.getBoolean("observatory.serialAnalysis")) {
            return items.stream().map(f).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()),
                Thread.ofPlatform().name("observatory-analysis-", 0).daemon().factory());
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> f.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> fu : futures) {
                out.add(join(fu));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R join(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

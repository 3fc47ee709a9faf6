package dev.observatory.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Recorded latencies in nanoseconds, with nearest-rank percentiles. Not thread-safe: one per client thread, merged at
 * the end.
 */
final class Latencies {
    private long[] nanos;
    private int size;

    Latencies(int expected) {
        nanos = new long[Math.max(16, expected)];
    }

    void add(long n) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = n;
    }

    int size() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies(16);
        for (Latencies p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.nanos[i]);
            }
        }
        return all;
    }

    /** Nearest-rank percentile in nanoseconds ({@code p} in 0..100); 0 when empty. */
    long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size - 1e-9); // 99.9 / 100 is not exact in binary
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }

    /** Percentile in milliseconds, formatted with three decimals. */
    String millis(double p) {
        return String.format(Locale.ROOT, "%.3f", percentile(p) / 1e6);
    }
}

package dev.observatory.core.slo;

import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.SliCounts;

/** Good and bad events of an SLO from SLI counts, latency percentiles from the histogram, burn rates. */
final class SloMath {
    private SloMath() {
    }

    /**
     * Bad events: failed spans (availability, error rate) or spans slower than the threshold (latency; interpolated
     * inside its bucket when the threshold is not a bucket bound).
     */
    static double bad(SloDefinition slo, SliCounts c) {
        if (slo.kind() != SloKind.LATENCY || histogramEmpty(c)) {
            return c.errors();
        }
        return c.total() - within(c, (long) (slo.thresholdMs() * 1_000_000));
    }

    /**
     * Whether the counts carry no durations: counter sources ({@link QuerySliSource}) count a latency SLO's slow events
     * as {@code errors} instead. Spans always fill the histogram.
     */
    static boolean histogramEmpty(SliCounts c) {
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            if (c.bucket(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Spans with a duration at most the threshold. */
    static double within(SliCounts c, long thresholdNanos) {
        double n = 0;
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            long lo = LatencyBuckets.lowerNanos(i);
            long hi = LatencyBuckets.upperNanos(i);
            if (hi <= thresholdNanos) {
                n += c.bucket(i);
            } else {
                if (thresholdNanos > lo && hi != Long.MAX_VALUE) {
                    n += c.bucket(i) * (double) (thresholdNanos - lo) / (hi - lo);
                }
                break;
            }
        }
        return n;
    }

    /** The q-quantile (0..1) of the durations in milliseconds, interpolated in its bucket; null without spans. */
    static Double quantileMs(SliCounts c, double q) {
        if (c.total() == 0 || histogramEmpty(c)) {
            return null;
        }
        double rank = q * c.total();
        double seen = 0;
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            long n = c.bucket(i);
            if (n > 0 && seen + n >= rank) {
                long lo = LatencyBuckets.lowerNanos(i);
                long hi = LatencyBuckets.upperNanos(i);
                if (hi == Long.MAX_VALUE) {
                    return lo / 1e6;
                }
                return (lo + (hi - lo) * ((rank - seen) / n)) / 1e6;
            }
            seen += n;
        }
        return LatencyBuckets.lowerNanos(LatencyBuckets.COUNT - 1) / 1e6;
    }

    /** How fast the budget burns: the bad fraction over the budget fraction (1 = exactly used up in the window). */
    static double burnRate(SloDefinition slo, SliCounts c) {
        if (c.total() == 0) {
            return 0;
        }
        return bad(slo, c) / c.total() / slo.budget();
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

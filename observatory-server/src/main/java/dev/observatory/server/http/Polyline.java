package dev.observatory.server.http;

import dev.observatory.model.SeriesBucket;
import java.util.List;

/**
 * The points a chart draws for M4 buckets: per bucket its first, min, max and last point ordered by step, without
 * repeats (a bucket of one point yields that point once). Drawn as a polyline this is pixel-identical to the series.
 */
record Polyline(long[] steps, double[] values, int size) {

    static Polyline of(List<SeriesBucket> buckets) {
        long[] steps = new long[buckets.size() * 4];
        double[] values = new double[steps.length];
        int n = 0;
        long[] s = new long[4];
        double[] v = new double[4];
        for (SeriesBucket b : buckets) {
            s[0] = b.firstStep();
            v[0] = b.first();
            s[1] = b.minStep();
            v[1] = b.min();
            s[2] = b.maxStep();
            v[2] = b.max();
            s[3] = b.lastStep();
            v[3] = b.last();
            sortByStep(s, v);
            for (int i = 0; i < 4; i++) {
                boolean repeat = n > 0 && steps[n - 1] == s[i] && Double.compare(values[n - 1], v[i]) == 0;
                if (!repeat) {
                    steps[n] = s[i];
                    values[n] = v[i];
                    n++;
                }
            }
        }
        return new Polyline(steps, values, n);
    }

    /** Insertion sort of four (step, value) pairs by step; stable. */
    private static void sortByStep(long[] s, double[] v) {
        for (int i = 1; i < 4; i++) {
            long ks = s[i];
            double kv = v[i];
            int j = i - 1;
            while (j >= 0 && s[j] > ks) {
                s[j + 1] = s[j];
                v[j + 1] = v[j];
                j--;
            }
            s[j + 1] = ks;
            v[j + 1] = kv;
        }
    }
}

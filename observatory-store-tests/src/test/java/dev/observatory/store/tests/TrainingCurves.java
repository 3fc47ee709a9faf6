package dev.observatory.store.tests;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic metric series for storage tests, and small helpers to cut and join columns. */
final class TrainingCurves {

    /** Epoch milliseconds of the first point: 2025-01-01T00:00:00Z. */
    static final long T0_MS = 1_735_689_600_000L;

    private TrainingCurves() {
    }

    /** A loss curve: power-law decay with 10% noise, steps 0..n-1, timestamps ~100 ms apart with jitter. */
    static MetricColumns noisyDecayingLoss(int n, SplittableRandom random) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] ts = new long[n];
        long t = T0_MS;
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = (2.5 * Math.pow(1 + i / 1000.0, -0.3) + 0.05) * (1 + 0.1 * random.nextGaussian());
            t += 100 + random.nextInt(-5, 6);
            ts[i] = t;
        }
        return new MetricColumns(steps, values, ts);
    }

    static MetricColumns slice(MetricColumns c, int from, int to) {
        int end = Math.min(to, c.size());
        return new MetricColumns(Arrays.copyOfRange(c.steps(), from, end), Arrays.copyOfRange(c.values(), from, end),
                Arrays.copyOfRange(c.timestampsMs(), from, end));
    }

    static MetricColumns shift(MetricColumns c, long by) {
        return new MetricColumns(Arrays.stream(c.steps()).map(s -> s + by).toArray(), c.values(), c.timestampsMs());
    }

    static MetricColumns concat(MetricColumns a, MetricColumns b) {
        long[] steps = Arrays.copyOf(a.steps(), a.size() + b.size());
        double[] values = Arrays.copyOf(a.values(), a.size() + b.size());
        long[] ts = Arrays.copyOf(a.timestampsMs(), a.size() + b.size());
        System.arraycopy(b.steps(), 0, steps, a.size(), b.size());
        System.arraycopy(b.values(), 0, values, a.size(), b.size());
        System.arraycopy(b.timestampsMs(), 0, ts, a.size(), b.size());
        return new MetricColumns(steps, values, ts);
    }

    static List<MetricPoint> points(MetricColumns c) {
        List<MetricPoint> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(new MetricPoint(c.steps()[i], c.values()[i], c.timestampsMs()[i]));
        }
        return out;
    }
}

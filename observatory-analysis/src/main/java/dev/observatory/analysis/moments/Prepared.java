package dev.observatory.analysis.moments;

import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import java.util.Arrays;

/**
 * A curve turned into the detectors' working form: "improvement space" {@code y} (log of the value when every value is
 * positive, negated when higher is better, so that improving always means decreasing), isolated spikes removed (Hampel
 * filter over 5 points), a local robust noise level per point, and prefix sums for O(1) line fits by index.
 */
final class Prepared {

    private static final int NOISE_BLOCK = 64;

    final long[] steps;
    final double[] raw;
    final double[] y;
    final double[] sigma;
    final boolean log;
    final int sign;
    final double noise;
    final double range;
    final IndexLines lines;

    Prepared(Curve curve, Direction direction) {
        steps = curve.steps();
        raw = curve.values();
        int m = raw.length;
        boolean positive = true;
        for (double v : raw) {
            positive &= v > 0;
        }
        log = positive;
        sign = direction == Direction.HIGHER_IS_BETTER ? -1 : 1;
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = sign * (log ? Math.log(raw[i]) : raw[i]);
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        range = Math.max(sorted[(int) (0.95 * (m - 1))] - sorted[(int) (0.05 * (m - 1))],
                1e-12 * Math.abs(sorted[m / 2]));
        double spread = 2 * (sorted[(int) (0.75 * (m - 1))] - sorted[(int) (0.25 * (m - 1))]);
        double floor = 1e-3 * (log ? 1 : Math.max(spread, 1e-300));
        noise = Math.max(floor, robustSigma(t, 1, m - 1));
        sigma = localSigma(t, floor, noise);
        y = hampel(t, sigma);
        lines = new IndexLines(y);
    }

    int size() {
        return y.length;
    }

    /** Value at index x of the least-squares line of y over [a, b). */
    double predict(int a, int b, double x) {
        return lines.predict(a, b, x);
    }

    /** Mean of y over [a, b). */
    double mean(int a, int b) {
        return lines.mean(a, b);
    }

    /** The metric value corresponding to an improvement-space value. */
    double toValue(double yValue) {
        double v = sign * yValue;
        return log ? Math.exp(v) : v;
    }

    /** Robust sigma of white noise from second differences over [from, to) (1.4826 MAD / sqrt(6)). */
    static double robustSigma(double[] t, int from, int to) {
        int n = to - from;
        if (n < 3) {
            return 0;
        }
        double[] d = new double[n];
        for (int i = from; i < to; i++) {
            d[i - from] = Math.abs(t[i - 1] - 2 * t[i] + t[i + 1]);
        }
        Arrays.sort(d);
        double median = n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
        return 1.4826 * median / Math.sqrt(6);
    }

    /** Per-point noise: robust sigma of the 64-point block, clamped to [floor, 3 x the global sigma]. */
    private static double[] localSigma(double[] t, double floor, double global) {
        int m = t.length;
        int blocks = Math.max(1, (m + NOISE_BLOCK - 1) / NOISE_BLOCK);
        double[] block = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = Math.max(1, b * NOISE_BLOCK - NOISE_BLOCK / 2);
            int to = Math.min(m - 1, (b + 1) * NOISE_BLOCK + NOISE_BLOCK / 2);
            block[b] = Math.min(3 * global, Math.max(floor, robustSigma(t, from, to)));
        }
        double[] s = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = block[Math.min(blocks - 1, i / NOISE_BLOCK)];
        }
        return s;
    }

    /** Replaces points further than 5 local sigmas from the median of their 5-point neighbourhood by that median. */
    private static double[] hampel(double[] t, double[] sigma) {
        int m = t.length;
        double[] out = t.clone();
        double[] w = new double[5];
        for (int i = 2; i < m - 2; i++) {
            System.arraycopy(t, i - 2, w, 0, 5);
            Arrays.sort(w);
            if (Math.abs(t[i] - w[2]) > 5 * sigma[i]) {
                out[i] = w[2];
            }
        }
        return out;
    }
}

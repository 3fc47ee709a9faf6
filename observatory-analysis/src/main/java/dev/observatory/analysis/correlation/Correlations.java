package dev.observatory.analysis.correlation;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Pearson and Spearman correlation of two metrics, aligned on step, with an optional lag search. Results agree with
 * Commons Math's {@code PearsonsCorrelation} and {@code SpearmansCorrelation} (ties averaged) to 1e-9.
 * <p>
 * Alignment: both series are normalised ({@link Curve#of}: sorted, duplicate steps keep the last point, NaN/Inf
 * dropped) and paired on the steps they have in common. Mismatched steps and values lengths throw
 * {@link IllegalArgumentException}; fewer than 3 pairs give INSUFFICIENT_DATA and a constant side CONSTANT_SERIES.
 * Cost: O(n) for Pearson, O(n log n) for Spearman (ranking, on at most {@link #MAX_SPEARMAN_PAIRS} evenly strided
 * pairs); the lag search computes Pearson for every lag in {@code [-maxLag, maxLag]} (O(n * lags)) and Spearman at the
 * best lag only.
 */
public final class Correlations {

    /**
     * Pairs Spearman ranks at most; above it, Spearman (and its p-value) use every k-th pair so that ranking stays
     * within the latency budget (Pearson always uses every pair).
     */
    public static final int MAX_SPEARMAN_PAIRS = 50_000;

    private Correlations() {
    }

    /** Correlation at lag 0. */
    public static Correlation of(long[] stepsA, double[] valuesA, long[] stepsB, double[] valuesB) {
        return withLag(stepsA, valuesA, stepsB, valuesB, 0);
    }

    /**
     * Correlation at the lag in {@code [-maxLag, maxLag]} (points of the aligned series) with the largest |Pearson r|;
     * ties go to the smallest |lag|. Lags leaving fewer than 3 pairs are skipped.
     *
     * @param maxLag
     *            largest lag tried, >= 0
     */
    public static Correlation withLag(long[] stepsA, double[] valuesA, long[] stepsB, double[] valuesB, int maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0, got " + maxLag);
        }
        Curve a = Curve.of(stepsA, valuesA);
        Curve b = Curve.of(stepsB, valuesB);
        Aligned al = align(a, b);
        int n = al.size;
        if (n < 3) {
            return notOk(AnalysisStatus.INSUFFICIENT_DATA, "need at least 3 common steps, got " + n, n);
        }
        int bestLag = 0;
        double bestR = pearson(al.x, al.y, 0, n);
        if (maxLag > 0) {
            LagScan scan = new LagScan(al.x, al.y, n);
            double bestAbs = Double.isNaN(bestR) ? -1 : Math.abs(bestR);
            for (int d = 1; d <= maxLag; d++) {
                for (int lag : new int[] { d, -d }) {
                    if (n - d < 3) {
                        continue;
                    }
                    double r = scan.r(lag);
                    if (Double.isFinite(r) && Math.abs(r) > bestAbs + 1e-12) {
                        bestAbs = Math.abs(r);
                        bestLag = lag;
                    }
                }
            }
            bestR = pearson(al.x, al.y, bestLag, n);
        }
        if (Double.isNaN(bestR)) {
            return notOk(AnalysisStatus.CONSTANT_SERIES,
                    "one of the series is constant over the common steps: correlation is undefined", n);
        }
        int lag = bestLag;
        int pairs = n - Math.abs(lag);
        int fromX = Math.max(0, -lag);
        int fromY = Math.max(0, lag);
        double[] x = fromX == 0 && pairs == al.x.length ? al.x : Arrays.copyOfRange(al.x, fromX, fromX + pairs);
        double[] y = fromY == 0 && pairs == al.y.length ? al.y : Arrays.copyOfRange(al.y, fromY, fromY + pairs);
        int stride = (pairs + MAX_SPEARMAN_PAIRS - 1) / MAX_SPEARMAN_PAIRS;
        if (stride > 1) {
            x = strided(x, stride);
            y = strided(y, stride);
        }
        double rho = pearson(Ranks.of(x), Ranks.of(y), 0, x.length);
        long lagSteps = lag == 0 ? 0 : medianStepShift(al.steps, lag, pairs);
        return new Correlation(AnalysisStatus.OK, "", pairs, lag, lagSteps, bestR, pValue(bestR, pairs), rho,
                pValue(rho, x.length), x.length);
    }

    /** Two-sided p-value of a correlation r over n pairs, computed as Commons Math does. */
    static double pValue(double r, int n) {
        if (n < 3) {
            return Double.NaN;
        }
        double t = Math.abs(r * Math.sqrt((n - 2) / (1 - r * r)));
        return 2 * new TDistribution(null, n - 2).cumulativeProbability(-t);
    }

    /** Pearson's r of x[i] and y[i + lag] over the valid pairs; NaN when a side is constant. */
    static double pearson(double[] x, double[] y, int lag, int n) {
        int from = Math.max(0, -lag);
        int to = Math.min(n, n - lag);
        int m = to - from;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i + lag];
        }
        mx /= m;
        my /= m;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            double dx = x[i] - mx;
            double dy = y[i + lag] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }

    private static double[] strided(double[] a, int stride) {
        double[] out = new double[(a.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i * stride];
        }
        return out;
    }

    private static long medianStepShift(long[] steps, int lag, int pairs) {
        long[] d = new long[pairs];
        for (int k = 0; k < pairs; k++) {
            int i = k + Math.max(0, -lag);
            d[k] = steps[i + lag] - steps[i];
        }
        Arrays.sort(d);
        return d[pairs / 2];
    }

    private record Aligned(long[] steps, double[] x, double[] y, int size) {
    }

    /**
     * Pearson's r at many lags without allocating: the values are centred on the fly, the sums of x, y, x^2 and y^2
     * over a lag's window are the whole-series sums minus the |lag| points left out, and only the cross sum takes a
     * pass. Used to pick the lag; the chosen lag's r is then recomputed by the two-pass formula.
     */
    private static final class LagScan {
        private final double[] x;
        private final double[] y;
        private final int n;
        private final double mx;
        private final double my;
        private final double sx;
        private final double sy;
        private final double sxx;
        private final double syy;

        LagScan(double[] xs, double[] ys, int n) {
            this.x = xs;
            this.y = ys;
            this.n = n;
            double ax = 0;
            double ay = 0;
            for (int i = 0; i < n; i++) {
                ax += xs[i];
                ay += ys[i];
            }
            mx = ax / n;
            my = ay / n;
            double bx = 0;
            double by = 0;
            double bxx = 0;
            double byy = 0;
            for (int i = 0; i < n; i++) {
                double dx = xs[i] - mx;
                double dy = ys[i] - my;
                bx += dx;
                by += dy;
                bxx += dx * dx;
                byy += dy * dy;
            }
            sx = bx;
            sy = by;
            sxx = bxx;
            syy = byy;
        }

        /** r of x[i] and y[i + lag]. */
        double r(int lag) {
            int from = Math.max(0, -lag);
            int to = Math.min(n, n - lag);
            int m = to - from;
            double wx = sx;
            double wxx = sxx;
            double wy = sy;
            double wyy = syy;
            for (int i = 0; i < n; i++) {
                if (i >= from && i < to) {
                    i = to - 1;
                    continue;
                }
                double dx = x[i] - mx;
                wx -= dx;
                wxx -= dx * dx;
            }
            for (int j = 0; j < n; j++) {
                if (j >= from + lag && j < to + lag) {
                    j = to + lag - 1;
                    continue;
                }
                double dy = y[j] - my;
                wy -= dy;
                wyy -= dy * dy;
            }
            double sxy = 0;
            for (int i = from; i < to; i++) {
                sxy += (x[i] - mx) * (y[i + lag] - my);
            }
            double cxx = wxx - wx * wx / m;
            double cyy = wyy - wy * wy / m;
            double cxy = sxy - wx * wy / m;
            return cxx <= 0 || cyy <= 0 ? Double.NaN : cxy / Math.sqrt(cxx * cyy);
        }
    }

    private static Aligned align(Curve a, Curve b) {
        if (a.steps() == b.steps() || Arrays.equals(a.steps(), b.steps())) {
            return new Aligned(a.steps(), a.values(), b.values(), a.size());
        }
        int n = Math.min(a.size(), b.size());
        long[] steps = new long[n];
        double[] x = new double[n];
        double[] y = new double[n];
        int i = 0;
        int j = 0;
        int k = 0;
        long[] sa = a.steps();
        long[] sb = b.steps();
        while (i < sa.length && j < sb.length) {
            if (sa[i] < sb[j]) {
                i++;
            } else if (sa[i] > sb[j]) {
                j++;
            } else {
                steps[k] = sa[i];
                x[k] = a.values()[i++];
                y[k] = b.values()[j++];
                k++;
            }
        }
        return new Aligned(steps, x, y, k);
    }

    private static Correlation notOk(AnalysisStatus status, String message, int pairs) {
        return new Correlation(status, message, pairs, 0, 0, null, null, null, null, 0);
    }
}

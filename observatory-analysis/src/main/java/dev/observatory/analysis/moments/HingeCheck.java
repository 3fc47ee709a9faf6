package dev.observatory.analysis.moments;

/**
 * Tells a level shift from bends. Around a candidate jump at boundary i with window w, compares the residual sum of
 * squares of the step model (two free lines on [i-w, i) and [i, i+w)) with the best continuous line that bends once or
 * twice anywhere in the window (knots on a grid of w/8 points, two knots at least max(8, w/2) apart so that they cannot
 * draw a steep ramp). A real shift cannot be drawn without a break; a change of slope, or a stall (bend into a flat
 * stretch and out of it, which from afar looks like a shift), can.
 */
final class HingeCheck {

    private HingeCheck() {
    }

    /**
     * (SSE of the best hinge - SSE of the step) divided by the noise variance: large for a level shift, near 0 (or
     * negative) for a kink.
     */
    static double stepAdvantage(IndexLines lines, int i, int w, double sigma) {
        int from = i - w;
        int to = i + w;
        double stepSse = lines.lineSse(from, i) + lines.lineSse(i, to);
        int grid = Math.max(1, w / 16);
        double best = Double.POSITIVE_INFINITY;
        for (int k1 = from + 2; k1 <= to - 2; k1 += grid) {
            best = Math.min(best, bentSse(lines, from, to, k1, to));
            for (int k2 = k1 + Math.max(8, w / 2); k2 <= to - 2; k2 += grid) {
                best = Math.min(best, bentSse(lines, from, to, k1, k2));
            }
        }
        double variance = Math.max(sigma * sigma, stepSse / Math.max(1, 2 * w - 4));
        return (best - stepSse) / variance;
    }

    /**
     * SSE of y ~ a + b (x - c) + d max(0, x - k1) + e max(0, x - k2) over [from, to) (c the middle; the last term is
     * dropped when k2 >= to), from the normal equations built in O(1) with closed-form power sums and the prefix sums
     * of y.
     */
    private static double bentSse(IndexLines lines, int from, int to, int k1, int k2) {
        int dims = k2 >= to ? 3 : 4;
        double c = (from + to - 1) / 2.0;
        double[] shift = { Double.NaN, c, k1, k2 };
        int[] start = { from, from, k1, Math.min(k2, to) };
        double[][] m = new double[dims][dims];
        double[] t = new double[dims];
        for (int r = 0; r < dims; r++) {
            for (int q = r; q < dims; q++) {
                int lo = Math.max(start[r], start[q]);
                m[r][q] = productSum(lo, to, shift[r], shift[q]);
                m[q][r] = m[r][q];
            }
            int lo = start[r];
            t[r] = r == 0 ? lines.sumY(lo, to) : lines.sumXY(lo, to) - shift[r] * lines.sumY(lo, to);
        }
        double[] beta = solve(m, t.clone());
        if (beta == null) {
            return Double.POSITIVE_INFINITY;
        }
        double fit = 0;
        for (int r = 0; r < dims; r++) {
            fit += beta[r] * t[r];
        }
        return Math.max(0, lines.sumYY(from, to) - fit);
    }

    /** Sum over x in [a, b) of f_p(x) f_q(x), where f is 1 for a NaN shift and x - shift otherwise. */
    private static double productSum(int a, int b, double p, double q) {
        if (b <= a) {
            return 0;
        }
        double n = b - a;
        double s1 = (a + b - 1) * n / 2;
        double s2 = sumSquares(b - 1) - sumSquares(a - 1);
        if (Double.isNaN(p) && Double.isNaN(q)) {
            return n;
        }
        if (Double.isNaN(p) || Double.isNaN(q)) {
            double shift = Double.isNaN(p) ? q : p;
            return s1 - shift * n;
        }
        return s2 - (p + q) * s1 + p * q * n;
    }

    private static double sumSquares(long k) {
        return k < 0 ? 0 : k * (k + 1.0) * (2 * k + 1) / 6;
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) < 1e-12) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}

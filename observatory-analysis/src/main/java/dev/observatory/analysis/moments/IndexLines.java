package dev.observatory.analysis.moments;

/** Prefix sums over a series for O(1) least-squares lines by index (x = 0, 1, 2, ...). */
final class IndexLines {

    private final double origin;
    private final double[] py;
    private final double[] pxy;
    private final double[] pyy;

    IndexLines(double[] y) {
        int m = y.length;
        origin = m == 0 ? 0 : y[0];
        py = new double[m + 1];
        pxy = new double[m + 1];
        pyy = new double[m + 1];
        for (int i = 0; i < m; i++) {
            double v = y[i] - origin;
            py[i + 1] = py[i] + v;
            pxy[i + 1] = pxy[i] + i * v;
            pyy[i + 1] = pyy[i] + v * v;
        }
    }

    /** Least-squares slope over indices [a, b), per index; needs b - a >= 2. */
    double slope(int a, int b) {
        int n = b - a;
        double mx = (a + b - 1) / 2.0;
        double sy = py[b] - py[a];
        double sxy = pxy[b] - pxy[a] - mx * sy;
        double sxx = n * ((double) n * n - 1) / 12.0;
        return sxy / sxx;
    }

    /** Value at index x of the least-squares line over [a, b). */
    double predict(int a, int b, double x) {
        return mean(a, b) + slope(a, b) * (x - (a + b - 1) / 2.0);
    }

    /** Sum of (y - origin) over [a, b). */
    double sumY(int a, int b) {
        return py[b] - py[a];
    }

    /** Sum of x (y - origin) over [a, b). */
    double sumXY(int a, int b) {
        return pxy[b] - pxy[a];
    }

    /** Sum of (y - origin)^2 over [a, b). */
    double sumYY(int a, int b) {
        return pyy[b] - pyy[a];
    }

    /** Residual sum of squares of the least-squares line over [a, b); b - a >= 2. */
    double lineSse(int a, int b) {
        int n = b - a;
        double sy = py[b] - py[a];
        double mx = (a + b - 1) / 2.0;
        double syy = pyy[b] - pyy[a] - sy * sy / n;
        double sxy = pxy[b] - pxy[a] - mx * sy;
        double sxx = n * ((double) n * n - 1) / 12.0;
        return Math.max(0, syy - sxy * sxy / sxx);
    }

    /** Root mean square residual of the least-squares line over [a, b) (n - 2 degrees of freedom); b - a >= 3. */
    double residualSigma(int a, int b) {
        int n = b - a;
        double sy = py[b] - py[a];
        double mx = (a + b - 1) / 2.0;
        double syy = pyy[b] - pyy[a] - sy * sy / n;
        double sxy = pxy[b] - pxy[a] - mx * sy;
        double sxx = n * ((double) n * n - 1) / 12.0;
        return Math.sqrt(Math.max(0, syy - sxy * sxy / sxx) / (n - 2));
    }

    /** Mean over [a, b). */
    double mean(int a, int b) {
        return (py[b] - py[a]) / (b - a) + origin;
    }

    /** Standard error of a w-point slope under white noise sigma. */
    static double slopeError(double sigma, int w) {
        return sigma * Math.sqrt(12.0 / (w * ((double) w * w - 1)));
    }
}

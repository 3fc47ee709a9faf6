package dev.observatory.analysis.anomaly;

import java.util.List;

/** Picks a seasonal period among candidates by autocorrelation, and computes a seasonal profile. */
final class Seasonality {

    private Seasonality() {
    }

    /** A chosen period and its autocorrelation. */
    record Period(int points, double autocorrelation) {
        static final Period NONE = new Period(0, 0);
    }

    /**
     * The candidate with the highest autocorrelation at its lag, among those with at least two full cycles of data and
     * an autocorrelation of at least {@code min}; {@link Period#NONE} when none qualifies.
     */
    static Period detect(double[] values, List<Integer> candidates, double min) {
        Period best = Period.NONE;
        for (int p : candidates) {
            if (values.length < 2 * p) {
                continue;
            }
            double r = autocorrelation(values, p);
            if (r >= min && r > best.autocorrelation()) {
                best = new Period(p, r);
            }
        }
        return best;
    }

    /**
     * Autocorrelation at a lag over the pairs where both values are finite, around the median (robust to a few spikes
     * in the centre estimate).
     */
    static double autocorrelation(double[] values, int lag) {
        double centre = Robust.median(values);
        double num = 0;
        double den = 0;
        for (int i = 0; i < values.length; i++) {
            double a = values[i] - centre;
            if (Double.isFinite(a)) {
                den += a * a;
                if (i + lag < values.length && Double.isFinite(values[i + lag])) {
                    num += a * (values[i + lag] - centre);
                }
            }
        }
        return den == 0 ? 0 : num / den;
    }

    /** The median of the detrended values at each phase, centred so that the profile's median is 0. */
    static double[] profile(double[] detrended, int period) {
        double[] profile = new double[period];
        int cycles = (detrended.length + period - 1) / period;
        double[] atPhase = new double[cycles];
        for (int k = 0; k < period; k++) {
            int m = 0;
            for (int i = k; i < detrended.length; i += period) {
                atPhase[m++] = detrended[i];
            }
            profile[k] = Robust.median(java.util.Arrays.copyOf(atPhase, m));
            if (Double.isNaN(profile[k])) {
                profile[k] = 0;
            }
        }
        double centre = Robust.median(profile);
        for (int k = 0; k < period; k++) {
            profile[k] -= centre;
        }
        return profile;
    }
}

package dev.observatory.analysis.benchmark;

import java.util.SplittableRandom;

/** A clean loss curve over normalised time u in [0, 1]. */
record BaseCurve(boolean powerLaw, double a, double c, double scale, double exponent) {

    static BaseCurve powerLaw(SplittableRandom rnd) {
        double a = 1.5 + 2 * rnd.nextDouble();
        return new BaseCurve(true, a, a * (0.05 + 0.25 * rnd.nextDouble()), 0.005 + 0.045 * rnd.nextDouble(),
                0.4 + 0.6 * rnd.nextDouble());
    }

    static BaseCurve exponential(SplittableRandom rnd) {
        double a = 1.5 + 2 * rnd.nextDouble();
        return new BaseCurve(false, a, a * (0.05 + 0.25 * rnd.nextDouble()), 0.2 + 0.3 * rnd.nextDouble(), 1);
    }

    double at(double u) {
        return powerLaw ? c + a * Math.pow(1 + u / scale, -exponent) : c + a * Math.exp(-u / scale);
    }
}

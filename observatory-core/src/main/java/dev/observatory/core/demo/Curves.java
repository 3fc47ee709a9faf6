package dev.observatory.core.demo;

import java.util.SplittableRandom;

/** Shapes of training curves: schedules, decays, noise. Pure functions of their arguments. */
final class Curves {

    private Curves() {
    }

    /** Learning rate with linear warmup to {@code peak}, then cosine decay to {@code peak * minRatio}. */
    static double warmupCosine(long step, long total, long warmup, double peak, double minRatio) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** Linear annealing from {@code peak} to 0 (CleanRL's PPO). */
    static double linearAnneal(long step, long total, double peak) {
        return peak * Math.max(0.0, 1.0 - (double) step / total);
    }

    /**
     * Power-law decay normalised to go from 1 at step 0 to 0 at {@code total}: {@code (1 + step/scale)^-exponent},
     * rescaled. Loss curves are {@code end + (start - end) * decay}.
     */
    static double decay(double step, double total, double exponent) {
        double scale = Math.max(1.0, total * 0.02);
        double atEnd = Math.pow(1 + total / scale, -exponent);
        double now = Math.pow(1 + Math.min(step, total) / scale, -exponent);
        return (now - atEnd) / (1 - atEnd);
    }

    /** Logistic rise from 0 to 1 centred at {@code mid} (fractions of the run), as RL returns grow. */
    static double rise(double progress, double mid, double width) {
        double lo = logistic(-mid / width);
        double hi = logistic((1 - mid) / width);
        return (logistic((progress - mid) / width) - lo) / (hi - lo);
    }

    /** Smooth 0..1 transition over {@code x} in [0, 1]. */
    static double smoothstep(double x) {
        double t = Math.max(0, Math.min(1, x));
        return t * t * (3 - 2 * t);
    }

    /**
     * Classification accuracy that goes with a cross-entropy loss: chance accuracy at the chance loss, near 1 as the
     * loss goes to 0.
     */
    static double accuracyFromLoss(double loss, double chanceLoss, double chanceAccuracy) {
        double ratio = Math.max(0, Math.min(1, loss / chanceLoss));
        return 1 - (1 - chanceAccuracy) * Math.pow(ratio, 0.8);
    }

    /** Multiplies by {@code 1 + relative * N(0, 1)}. */
    static double jitter(SplittableRandom random, double value, double relative) {
        return value * (1 + relative * random.nextGaussian());
    }

    /** Log-normal noise: {@code value * exp(sigma * N(0, 1))}, always positive for a positive value. */
    static double lognormal(SplittableRandom random, double value, double sigma) {
        return value * Math.exp(sigma * random.nextGaussian());
    }

    static double clamp(double value, double lo, double hi) {
        return Math.max(lo, Math.min(hi, value));
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

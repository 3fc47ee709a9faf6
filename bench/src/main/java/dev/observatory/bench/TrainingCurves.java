package dev.observatory.bench;

import java.util.SplittableRandom;

/**
 * Deterministic, realistic-looking training curves for benchmark data: what a trainer logs, with noise, so that
 * compression and M4 buckets see the same variety as real series (a smooth ramp would flatter both).
 */
enum TrainingCurves {
    /** Power-law decaying loss with multiplicative noise and a rare spike. */
    LOSS {
        @Override
        double at(long step, long totalSteps, SplittableRandom rnd) {
            double base = 0.35 + 2.2 * Math.pow(1 + step / 50.0, -0.45);
            double spike = rnd.nextInt(5000) == 0 ? 1.5 + rnd.nextDouble() * 2 : 1.0;
            return base * (1 + 0.06 * rnd.nextGaussian()) * spike;
        }
    },
    /** Linear warm-up over the first 2% of steps, then cosine decay to 10%. */
    LEARNING_RATE {
        @Override
        double at(long step, long totalSteps, SplittableRandom rnd) {
            double peak = 3e-4;
            long warm = Math.max(1, totalSteps / 50);
            if (step < warm) {
                return peak * (step + 1) / warm;
            }
            double t = (double) (step - warm) / Math.max(1, totalSteps - warm);
            return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
        }
    },
    /** Accuracy rising towards ~0.9 with noise. */
    ACCURACY {
        @Override
        double at(long step, long totalSteps, SplittableRandom rnd) {
            double base = 0.9 - 0.8 * Math.exp(-step / (totalSteps / 6.0 + 1));
            return Math.min(1, Math.max(0, base + 0.01 * rnd.nextGaussian()));
        }
    },
    /** Gradient norm: log-normal noise around a slowly falling level. */
    GRAD_NORM {
        @Override
        double at(long step, long totalSteps, SplittableRandom rnd) {
            return (0.8 + 3 * Math.pow(1 + step / 100.0, -0.5)) * Math.exp(0.25 * rnd.nextGaussian());
        }
    },
    /** Samples per second: flat with jitter and occasional dips (data loader stalls). */
    THROUGHPUT {
        @Override
        double at(long step, long totalSteps, SplittableRandom rnd) {
            double dip = rnd.nextInt(200) == 0 ? 0.4 : 1.0;
            return 1830 * dip * (1 + 0.03 * rnd.nextGaussian());
        }
    };

    /** The value at {@code step} of a run of {@code totalSteps}, drawing noise from {@code rnd}. */
    abstract double at(long step, long totalSteps, SplittableRandom rnd);

    /** The curve used for the metric key {@code i} of a set of keys (cycling through the curves). */
    static TrainingCurves forKey(int i) {
        return values()[i % values().length];
    }

    /** A key name like a trainer's: {@code train/loss}, {@code val/accuracy}, ... for index i of a key set. */
    static String keyName(int i) {
        String[] prefixes = { "train", "val", "test", "eval", "sys", "probe", "aux", "ema" };
        String[] names = { "loss", "lr", "accuracy", "grad_norm", "samples_per_s" };
        return prefixes[(i / names.length) % prefixes.length] + "/" + names[i % names.length]
                + (i >= prefixes.length * names.length ? "_" + i : "");
    }
}

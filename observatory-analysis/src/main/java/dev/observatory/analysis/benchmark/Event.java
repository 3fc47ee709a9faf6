package dev.observatory.analysis.benchmark;

import dev.observatory.analysis.moments.MomentType;
import java.util.List;
import java.util.SplittableRandom;

/** An injected event: where (normalised time), how big, and how it changes the clean loss. */
record Event(MomentType type, double at, double length, double size, boolean toNan) {

    static Event draw(MomentType type, BaseCurve base, SplittableRandom rnd) {
        if (type == null) {
            return new Event(null, 0, 0, 0, false);
        }
        return switch (type) {
            case BREAKTHROUGH -> new Event(type, 0.15 + 0.7 * rnd.nextDouble(), 0.005 * rnd.nextDouble(),
                    0.15 + 0.25 * rnd.nextDouble(), false);
            case DROP -> new Event(type, 0.15 + 0.7 * rnd.nextDouble(), 0.005 * rnd.nextDouble(),
                    0.2 + 0.4 * rnd.nextDouble(), false);
            case PLATEAU -> plateau(base, rnd);
            case DIVERGENCE -> new Event(type, 0.3 + 0.6 * rnd.nextDouble(), 0, 0.002 + 0.008 * rnd.nextDouble(),
                    rnd.nextBoolean());
        };
    }

    /** A plateau that hides at least 15% of improvement (the best of 50 draws when none does). */
    private static Event plateau(BaseCurve base, SplittableRandom rnd) {
        Event best = null;
        double bestHidden = -1;
        for (int k = 0; k < 50; k++) {
            double start = 0.1 + 0.4 * rnd.nextDouble();
            double length = 0.08 + 0.17 * rnd.nextDouble();
            double hidden = 1 - base.at(start + length) / base.at(start);
            if (hidden > bestHidden) {
                bestHidden = hidden;
                best = new Event(MomentType.PLATEAU, start, length, hidden, false);
            }
            if (hidden >= 0.15) {
                break;
            }
        }
        return best;
    }

    /** The clean loss at u with this event applied (NaN once a NaN divergence has happened). */
    double apply(BaseCurve base, double u) {
        if (type == null) {
            return base.at(u);
        }
        return switch (type) {
            case BREAKTHROUGH -> base.at(u) * (1 - size * ramp(u));
            case DROP -> base.at(u) * (1 + size * ramp(u));
            case PLATEAU -> base.at(u < at ? u : u < at + length ? at : u - length);
            case DIVERGENCE -> u < at ? base.at(u) : toNan ? Double.NaN : base.at(u) * Math.exp((u - at) / size);
        };
    }

    private double ramp(double u) {
        if (u < at) {
            return 0;
        }
        return length == 0 || u >= at + length ? 1 : (u - at) / length;
    }

    List<LabelledCurve.Label> labels(long[] steps, int n, double[] values) {
        if (type == null) {
            return List.of();
        }
        long start = steps[(int) Math.ceil(at * (n - 1))];
        if (type == MomentType.PLATEAU) {
            long end = steps[Math.min(n - 1, (int) Math.ceil((at + length) * (n - 1)))];
            return List.of(new LabelledCurve.Label(type, start, end));
        }
        return List.of(new LabelledCurve.Label(type, start, start));
    }
}

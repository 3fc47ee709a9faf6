package dev.observatory.analysis.anomaly;

import java.util.List;

/**
 * How {@link Anomalies} judges a series.
 *
 * @param threshold
 *            robust z score at or beyond which a point is anomalous (3.5 is the usual MAD rule)
 * @param direction
 *            which deviations count
 * @param periods
 *            candidate seasonal periods in points (e.g. 1440 for a daily season of one-minute points); a period is used
 *            when the series holds at least two full cycles and its autocorrelation at that lag is at least
 *            {@code minAutocorrelation}. Empty: no seasonal decomposition.
 * @param minAutocorrelation
 *            autocorrelation a period needs to be used (0..1)
 * @param window
 *            points of the centred rolling median that follows the level; 0: automatic (the period when seasonal, else
 *            about a twentieth of the series, at least 5)
 */
public record AnomalyOptions(double threshold, Direction direction, List<Integer> periods, double minAutocorrelation,
        int window) {

    /** Which deviations count as anomalies. */
    public enum Direction {
        BOTH, UP, DOWN
    }

    public AnomalyOptions {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
        }
        direction = direction == null ? Direction.BOTH : direction;
        periods = periods == null ? List.of() : List.copyOf(periods);
        for (int p : periods) {
            if (p < 2) {
                throw new IllegalArgumentException("a seasonal period must be at least 2 points, got " + p);
            }
        }
        if (minAutocorrelation < 0 || minAutocorrelation > 1) {
            throw new IllegalArgumentException("minAutocorrelation must be in [0, 1], got " + minAutocorrelation);
        }
        if (window < 0) {
            throw new IllegalArgumentException("window must not be negative, got " + window);
        }
    }

    /** Threshold 3.5, both directions, no season, automatic window. */
    public static AnomalyOptions defaults() {
        return new AnomalyOptions(3.5, Direction.BOTH, List.of(), 0.3, 0);
    }

    public AnomalyOptions withPeriods(List<Integer> candidates) {
        return new AnomalyOptions(threshold, direction, candidates, minAutocorrelation, window);
    }

    public AnomalyOptions withThreshold(double z) {
        return new AnomalyOptions(z, direction, periods, minAutocorrelation, window);
    }

    public AnomalyOptions withDirection(Direction d) {
        return new AnomalyOptions(threshold, d, periods, minAutocorrelation, window);
    }
}

package dev.observatory.core.analysis;

/**
 * One metric series as read for an analysis.
 *
 * @param steps
 *            steps in ascending order
 * @param values
 *            values (NaN and infinities kept), same length as steps
 * @param totalPoints
 *            points the series holds in the store
 * @param sampled
 *            false when every point was read; true when the points are an M4 downsampling (first, last, min and max of
 *            each step bucket) because the series is longer than the analysis reads in full
 */
public record SeriesData(String runId, String key, long[] steps, double[] values, long totalPoints, boolean sampled) {

    /** Number of points read. */
    public int size() {
        return steps.length;
    }
}

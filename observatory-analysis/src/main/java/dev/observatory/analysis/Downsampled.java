package dev.observatory.analysis;

/**
 * A downsampled series: the kept points in step order ({@code steps} and {@code values} have the same length).
 *
 * @param sourceCount
 *            number of points in the input series
 * @param nonFiniteCount
 *            number of input points whose value was NaN or infinite
 */
public record Downsampled(long[] steps, double[] values, int sourceCount, int nonFiniteCount) {

    public Downsampled {
        if (steps.length != values.length) {
            throw new IllegalArgumentException(
                    "steps and values must have the same length (got " + steps.length + ", " + values.length + ")");
        }
    }

    /** Number of kept points. */
    public int size() {
        return steps.length;
    }
}

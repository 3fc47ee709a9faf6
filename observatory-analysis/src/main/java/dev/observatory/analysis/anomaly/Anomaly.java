package dev.observatory.analysis.anomaly;

/**
 * One point outside its robust band.
 *
 * @param index
 *            position in the series
 * @param x
 *            the point's step or time
 * @param expected
 *            the baseline at that point (rolling median, plus the seasonal profile when a period was found)
 * @param lower
 *            lower edge of the band ({@code expected - threshold * scale})
 * @param upper
 *            upper edge of the band
 * @param score
 *            robust z score: {@code (value - expected) / scale}, scale = 1.4826 * MAD of the residuals
 */
public record Anomaly(int index, long x, double value, double expected, double lower, double upper, double score) {
}

package dev.observatory.analysis.capacity;

/**
 * The trend of a resource or load metric and when it reaches a threshold. Positions (x) are in the series' own unit
 * (e.g. epoch milliseconds); values on log scale are fitted as ln(value), and reported back on the value scale.
 *
 * @param status
 *            whether and when the trend reaches the threshold
 * @param slope
 *            change per x unit (on log scale: of ln(value), i.e. the relative growth rate)
 * @param slopeLow
 *            lower end of the slope's confidence interval
 * @param slopeHigh
 *            upper end
 * @param intercept
 *            the trend at the first point (slope and intercept are relative to the first x)
 * @param lastFitted
 *            the trend's value at the last point
 * @param residualSigma
 *            robust standard deviation of the points around the trend (fit scale)
 * @param crossingX
 *            where the trend reaches the threshold; null unless status is WILL_CROSS or ALREADY_CROSSED
 * @param earliestX
 *            earliest crossing within the prediction interval (steepest slope, upper band); null when none
 * @param latestX
 *            latest crossing within the interval; null when the slow end of the interval never crosses
 * @param message
 *            one sentence that says what the numbers mean
 */
public record CapacityForecast(Status status, double slope, double slopeLow, double slopeHigh, double intercept,
        double lastFitted, double residualSigma, Long crossingX, Long earliestX, Long latestX, int points,
        boolean logScale, String message) {

    /** Whether the trend reaches the threshold. */
    public enum Status {
        /** The trend reaches the threshold after the last point. */
        WILL_CROSS,
        /** The trend is already beyond the threshold at the last point. */
        ALREADY_CROSSED,
        /** The trend is flat or moving away from the threshold. */
        NEVER
    }
}

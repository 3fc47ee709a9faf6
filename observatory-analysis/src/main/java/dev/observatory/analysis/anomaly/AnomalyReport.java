package dev.observatory.analysis.anomaly;

import java.util.List;

/**
 * What {@link Anomalies#analyze} found.
 *
 * @param method
 *            {@code "seasonal"} (rolling median plus a seasonal profile) or {@code "median_mad"} (rolling median)
 * @param period
 *            the seasonal period in points; 0 when none was used
 * @param autocorrelation
 *            autocorrelation at the period (0 when none)
 * @param scale
 *            the robust scale of the residuals (1.4826 * MAD)
 * @param points
 *            finite points judged
 * @param anomalies
 *            anomalous points in series order
 */
public record AnomalyReport(String method, int period, double autocorrelation, double scale, int points,
        List<Anomaly> anomalies) {

    public AnomalyReport {
        anomalies = List.copyOf(anomalies);
    }
}

package dev.observatory.analysis.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Robust anomaly detection over a metric series. The baseline is a centred rolling median (the level); when a seasonal
 * period is found among the candidates (autocorrelation), the series is first deseasonalised: the level is a rolling
 * median over one full period and the seasonal profile (median per phase of the detrended values) is added back. A
 * point's score is its residual over the robust scale of all residuals (1.4826 * MAD); points at or beyond the
 * threshold in the chosen direction are anomalies. Spikes barely move medians, so they neither hide themselves nor
 * their neighbours.
 * <p>
 * Used by {@code detect_anomalies} and by anomaly alert rules.
 */
public final class Anomalies {
    /** Fewest finite points judged; shorter series have no anomalies. */
    public static final int MIN_POINTS = 8;

    private Anomalies() {
    }

    /** The anomalous points of the series, in series order. */
    public static List<Anomaly> detect(MetricSeries series, AnomalyOptions options) {
        return analyze(series, options).anomalies();
    }

    /** The anomalies with how they were found (method, period, scale). */
    public static AnomalyReport analyze(MetricSeries series, AnomalyOptions options) {
        double[] v = series.values();
        int finite = 0;
        for (double d : v) {
            finite += Double.isFinite(d) ? 1 : 0;
        }
        if (finite < MIN_POINTS) {
            return new AnomalyReport("median_mad", 0, 0, 0, finite, List.of());
        }
        Seasonality.Period period = Seasonality.detect(v, options.periods(), options.minAutocorrelation());
        double[] expected = baseline(v, period.points(), options.window());
        double[] residuals = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            residuals[i] = v[i] - expected[i];
        }
        double scale = Robust.scale(residuals);
        if (!(scale > 0)) {
            scale = Math.max(1e-12, Math.abs(Robust.median(v)) * 1e-9);
        }
        List<Anomaly> out = new ArrayList<>();
        double band = options.threshold() * scale;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(residuals[i])) {
                continue;
            }
            double z = residuals[i] / scale;
            boolean flagged = switch (options.direction()) {
                case UP -> z >= options.threshold();
                case DOWN -> z <= -options.threshold();
                case BOTH -> Math.abs(z) >= options.threshold();
            };
            if (flagged) {
                out.add(new Anomaly(i, series.x()[i], v[i], expected[i], expected[i] - band, expected[i] + band, z));
            }
        }
        String method = period.points() > 0 ? "seasonal" : "median_mad";
        return new AnomalyReport(method, period.points(), period.autocorrelation(), scale, finite, out);
    }

    /** The expected value of every point: rolling median level, plus the seasonal profile when periodic. */
    static double[] baseline(double[] v, int period, int window) {
        if (period == 0) {
            int w = window > 0 ? window : Math.max(5, v.length / 20) | 1;
            return RollingMedian.of(v, w);
        }
        int w = window > 0 ? window : period | 1;
        double[] level = RollingMedian.of(v, w);
        double[] detrended = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            detrended[i] = v[i] - level[i];
        }
        double[] profile = Seasonality.profile(detrended, period);
        // a second pass: the level of the deseasonalised series no longer wobbles with the season
        double[] deseasoned = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            deseasoned[i] = v[i] - profile[i % period];
        }
        double[] level2 = RollingMedian.of(deseasoned, w);
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = level2[i] + profile[i % period];
        }
        return expected;
    }
}

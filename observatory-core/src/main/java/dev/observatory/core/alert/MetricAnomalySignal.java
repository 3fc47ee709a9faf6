package dev.observatory.core.alert;

import dev.observatory.analysis.anomaly.Anomalies;
import dev.observatory.analysis.anomaly.Anomaly;
import dev.observatory.analysis.anomaly.AnomalyOptions;
import dev.observatory.analysis.anomaly.AnomalyReport;
import dev.observatory.analysis.anomaly.MetricSeries;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.prom.PrometheusException;
import dev.observatory.core.opsmetrics.query.QueryParser;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code metric_anomaly}: how anomalous the latest point of each series of a metric query is, as the robust z score
 * (residual / 1.4826 MAD around a rolling median, with a daily or weekly season when asked and the data has two cycles)
 * of the same detector as detect_anomalies. A rule {@code above 3.5} fires when the newest point is an outlier.
 * Parameters: {@code query} (required; Observatory's metric query language or, with {@code source=prometheus}, PromQL),
 * {@code lookback_minutes} (default 360), {@code step_seconds} (default 300), {@code direction} (both, up, down;
 * default both), {@code season} (none, daily, weekly; default none), {@code source} (observatory or prometheus).
 */
final class MetricAnomalySignal implements AlertSignal {
    private static final int MAX_SERIES = 200;
    private static final int MAX_POINTS = 11_000;

    @Override
    public String kind() {
        return "metric_anomaly";
    }

    @Override
    public String description() {
        return "robust z score of the newest point of each series of a service metric query (rolling median/MAD,"
                + " optional daily/weekly season); params: query, lookback_minutes (360), step_seconds (300),"
                + " direction (both|up|down), season (none|daily|weekly), source (observatory|prometheus)";
    }

    @Override
    public void validate(Map<String, String> p) {
        String q = p.get("query");
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("metric_anomaly needs params.query, e.g. sum(rate(requests_total[5m]))");
        }
        long points = minutes(p) * 60L / step(p);
        if (points < Anomalies.MIN_POINTS || points > MAX_POINTS) {
            throw new IllegalArgumentException("metric_anomaly looks at lookback_minutes*60/step_seconds points: "
                    + Anomalies.MIN_POINTS + " to " + MAX_POINTS + ", got " + points);
        }
        direction(p);
        season(p);
        if (!source(p).equals("prometheus")) {
            QueryParser.parse(q);
        }
    }

    private static long minutes(Map<String, String> p) {
        return number(p, "lookback_minutes", 360, 1, 60 * 24 * 30);
    }

    private static long step(Map<String, String> p) {
        return number(p, "step_seconds", 300, 1, 86_400);
    }

    private static long number(Map<String, String> p, String key, long fallback, long min, long max) {
        String v = p.get(key);
        try {
            long n = v == null ? fallback : Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    private static AnomalyOptions.Direction direction(Map<String, String> p) {
        String d = p.getOrDefault("direction", "both").trim().toUpperCase(Locale.ROOT);
        try {
            return AnomalyOptions.Direction.valueOf(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be both, up or down, got '" + p.get("direction") + "'");
        }
    }

    private static List<Integer> season(Map<String, String> p) {
        long step = step(p);
        return switch (p.getOrDefault("season", "none").trim()) {
            case "none" -> List.of();
            case "daily" -> List.of((int) Math.max(2, 86_400 / step));
            case "weekly" -> List.of((int) Math.max(2, 7 * 86_400 / step));
            default -> throw new IllegalArgumentException(
                    "season must be none, daily or weekly, got '" + p.get("season") + "'");
        };
    }

    private static String source(Map<String, String> p) {
        String s = p.getOrDefault("source", "observatory").trim();
        if (!s.equals("observatory") && !s.equals("prometheus")) {
            throw new IllegalArgumentException("source must be observatory or prometheus, got '" + s + "'");
        }
        return s;
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        Map<String, String> p = rule.params();
        long stepMs = step(p) * 1000;
        long end = round.now().toEpochMilli() / stepMs * stepMs;
        long start = end - minutes(p) * 60_000 / stepMs * stepMs;
        QueryResult r = query(round, p, start, end, stepMs);
        if (r.rows().size() > MAX_SERIES) {
            throw new IllegalArgumentException("metric_anomaly query selects " + r.rows().size() + " series; at most "
                    + MAX_SERIES + ": aggregate it (sum by (...))");
        }
        AnomalyOptions options = AnomalyOptions.defaults().withThreshold(1e-9).withDirection(direction(p))
                .withPeriods(season(p));
        List<Sample> out = new ArrayList<>();
        for (Row row : r.rows()) {
            Sample s = sample(row, r.steps(), options);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static QueryResult query(Round round, Map<String, String> p, long start, long end, long stepMs) {
        OpsMetrics metrics = new OpsMetrics(round.tracking());
        if (!source(p).equals("prometheus")) {
            return metrics.query(p.get("query"), start, end, stepMs);
        }
        PrometheusClient client = metrics.prometheus();
        if (client == null) {
            throw new IllegalArgumentException("source=prometheus needs prometheus_url in the configuration");
        }
        long[] steps = new long[(int) ((end - start) / stepMs + 1)];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = start + i * stepMs;
        }
        try {
            return PrometheusClient.toResult(client.queryRange(p.get("query"), start, end, stepMs), steps);
        } catch (PrometheusException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The newest point's score, or null when the series has too few points or none at the last step. */
    private static Sample sample(Row row, long[] steps, AnomalyOptions options) {
        double[] v = row.values();
        if (Double.isNaN(v[v.length - 1])) {
            return null;
        }
        int n = 0;
        long[] x = new long[v.length];
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && !Double.isInfinite(v[i])) {
                x[n] = steps[i];
                y[n++] = v[i];
            }
        }
        if (n < Anomalies.MIN_POINTS) {
            return null;
        }
        AnomalyReport report = Anomalies
                .analyze(new MetricSeries(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)), options);
        double score = 0;
        Anomaly last = null;
        for (Anomaly a : report.anomalies()) {
            if (a.index() == n - 1) {
                last = a;
                score = Math.abs(a.score());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(row.labels());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("value", y[n - 1]);
        if (last != null) {
            context.put("expected", last.expected());
        }
        context.put("method", report.method());
        return new Sample(labels, score, context);
    }
}

package dev.observatory.core.opsmetrics.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grafana dashboards (JSON model, schemaVersion {@value #SCHEMA_VERSION}, importable through Dashboards → Import in
 * Grafana 10.4 and later) over PromQL: RED panels of a service, tokens/latency/cost of an LLM model, the exported
 * metrics of a training project, and the error budget and burn rates of an SLO. Queries use the metric names
 * Observatory's OTLP receiver gives OpenTelemetry metrics (dots as underscores, no unit suffix), which match what a
 * Prometheus fed by the same SDKs holds when its OTLP translation adds no suffixes.
 */
public final class GrafanaDashboards {
    public static final int SCHEMA_VERSION = 39;
    static final String HTTP_DURATION = "http_server_request_duration";
    static final String STATUS = "http_response_status_code";

    private GrafanaDashboards() {
    }

    /** Rate, errors and duration of a service's HTTP server (histogram {@code metric}, default the OTel one). */
    public static Map<String, Object> service(String service, String metric) {
        String m = metric == null || metric.isBlank() ? HTTP_DURATION : metric;
        String sel = "service=\"" + esc(service) + "\"";
        String total = "sum(rate(" + m + "_count{" + sel + "}[5m]))";
        String errors = "sum(rate(" + m + "_count{" + sel + "," + STATUS + "=~\"5..\"}[5m]))";
        DashboardBuilder b = new DashboardBuilder().stat("Requests / s", "reqps", total)
                .stat("Error ratio", "percentunit", errors + " / " + total)
                .stat("P95 latency", "s", quantile(0.95, m, sel, ""))
                .stat("P99 latency", "s", quantile(0.99, m, sel, ""))
                .timeseries("Request rate by route", "reqps",
                        "sum by (http_route) (rate(" + m + "_count{" + sel + "}[5m]))", "{{http_route}}")
                .timeseries("Error ratio", "percentunit", errors + " / " + total, "errors")
                .timeseries("Latency percentiles", "s", quantile(0.5, m, sel, ""), "p50", quantile(0.95, m, sel, ""),
                        "p95", quantile(0.99, m, sel, ""), "p99")
                .timeseries("P95 latency by route", "s", quantile(0.95, m, sel, "http_route"), "{{http_route}}");
        return b.build(uid("service", service), "Service " + service, List.of("observatory", "service"));
    }

    /**
     * Calls, tokens, latency and (when prices are given, USD per million tokens) cost of one LLM model, from the
     * OpenTelemetry GenAI metrics gen_ai.client.token.usage and gen_ai.client.operation.duration.
     */
    public static Map<String, Object> model(String model, Double inputPrice, Double outputPrice) {
        String sel = "gen_ai_request_model=\"" + esc(model) + "\"";
        String tokens = "gen_ai_client_token_usage_sum";
        String duration = "gen_ai_client_operation_duration";
        DashboardBuilder b = new DashboardBuilder()
                .stat("Calls / s", "reqps", "sum(rate(" + duration + "_count{" + sel + "}[5m]))")
                .stat("Tokens / s", "short", "sum(rate(" + tokens + "{" + sel + "}[5m]))")
                .stat("P95 latency", "s", quantile(0.95, duration, sel, ""))
                .stat("Errors / s", "reqps", "sum(rate(" + duration + "_count{" + sel + ",error_type!=\"\"}[5m]))")
                .timeseries("Tokens / s by type", "short",
                        "sum by (gen_ai_token_type) (rate(" + tokens + "{" + sel + "}[5m]))", "{{gen_ai_token_type}}")
                .timeseries("Latency percentiles", "s", quantile(0.5, duration, sel, ""), "p50",
                        quantile(0.95, duration, sel, ""), "p95", quantile(0.99, duration, sel, ""), "p99");
        if (inputPrice != null && outputPrice != null) {
            String cost = "(sum(rate(" + tokens + "{" + sel + ",gen_ai_token_type=\"input\"}[5m])) * " + inputPrice
                    + " + sum(rate(" + tokens + "{" + sel + ",gen_ai_token_type=\"output\"}[5m])) * " + outputPrice
                    + ") * 3600 / 1000000";
            b.timeseries("Cost (USD / hour)", "currencyUSD", cost, "USD/h");
        }
        return b.build(uid("model", model), "Model " + model, List.of("observatory", "llm"));
    }

    /** One panel per exported training metric (gauges labelled project and run), by run. */
    public static Map<String, Object> training(String project, List<String> metrics) {
        String sel = "project=\"" + esc(project) + "\"";
        DashboardBuilder b = new DashboardBuilder();
        for (String metric : metrics) {
            b.timeseries(metric + " by run", "short", "max by (run) (" + metric + "{" + sel + "})", "{{run}}");
        }
        return b.build(uid("training", project), "Training " + project, List.of("observatory", "training"));
    }

    /**
     * Availability SLO from two counters (PromQL selectors of bad and all events): the SLI, the error budget left over
     * the window, and burn rates over 1h/6h/24h/3d against the multiwindow alert thresholds 14.4, 6, 3 and 1.
     */
    public static Map<String, Object> slo(String name, String badEvents, String allEvents, double objective,
            String window) {
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException(
                    "the SLO objective must be between 0 and 1 (e.g. 0.999), got " + objective);
        }
        dev.observatory.core.opsmetrics.query.QueryParser.durationMs(window); // a PromQL duration such as 30d
        String budget = Double.toString(1 - objective);
        String ratio = "(sum(rate(" + badEvents + "[%s])) / sum(rate(" + allEvents + "[%s])))";
        DashboardBuilder b = new DashboardBuilder()
                .stat("SLI over " + window, "percentunit", "1 - " + ratio.formatted(window, window))
                .stat("Objective", "percentunit", Double.toString(objective))
                .stat("Error budget left", "percentunit", "1 - " + ratio.formatted(window, window) + " / " + budget)
                .stat("Burn rate 1h", "short", ratio.formatted("1h", "1h") + " / " + budget)
                .timeseries("Burn rate", "short", ratio.formatted("1h", "1h") + " / " + budget, "1h",
                        ratio.formatted("6h", "6h") + " / " + budget, "6h",
                        ratio.formatted("1d", "1d") + " / " + budget, "24h",
                        ratio.formatted("3d", "3d") + " / " + budget, "3d")
                .timeseries("SLI (5m)", "percentunit", "1 - " + ratio.formatted("5m", "5m"), "SLI");
        return b.build(uid("slo", name), "SLO " + name, List.of("observatory", "slo"));
    }

    private static String quantile(double q, String histogram, String sel, String by) {
        return "histogram_quantile(" + q + ", sum by (le" + (by.isEmpty() ? "" : ", " + by) + ") (rate(" + histogram
                + "_bucket{" + sel + "}[5m])))";
    }

    private static String esc(String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the dashboard needs a target (service, model, project or SLO name)");
        }
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A stable uid (Grafana allows 40 characters). */
    static String uid(String kind, String name) {
        String slug = (kind + "-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return slug.length() <= 40 ? slug : slug.substring(0, 31) + "-" + Integer.toHexString(slug.hashCode());
    }
}

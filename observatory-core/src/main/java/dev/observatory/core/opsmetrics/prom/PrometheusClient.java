package dev.observatory.core.opsmetrics.prom;

import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Prometheus server's HTTP API (/api/v1/query, query_range, series, labels, label/&lt;name&gt;/values, alerts, rules,
 * targets) over the JDK HttpClient, each request within the timeout. Prometheus' own error (bad PromQL, ...) comes back
 * as a {@link PrometheusException} with its message; no answer as one that is
 * {@link PrometheusException#unreachable()}.
 */
public final class PrometheusClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public PrometheusClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** The {@code data} of an instant query at the time (epoch ms). */
    public JsonNode query(String promql, long timeMs) {
        return post("/api/v1/query", Map.of("query", promql, "time", seconds(timeMs)));
    }

    /** The {@code data} of a range query. */
    public JsonNode queryRange(String promql, long startMs, long endMs, long stepMs) {
        return post("/api/v1/query_range",
                Map.of("query", promql, "start", seconds(startMs), "end", seconds(endMs), "step", seconds(stepMs)));
    }

    /** Series matching a selector in the window. */
    public JsonNode series(String match, long startMs, long endMs) {
        return post("/api/v1/series", Map.of("match[]", match, "start", seconds(startMs), "end", seconds(endMs)));
    }

    public JsonNode labels() {
        return get("/api/v1/labels");
    }

    /** Values of a label; {@code __name__} gives the metric names. */
    public JsonNode labelValues(String label) {
        return get("/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values");
    }

    public JsonNode alerts() {
        return get("/api/v1/alerts");
    }

    public JsonNode rules() {
        return get("/api/v1/rules");
    }

    public JsonNode targets() {
        return get("/api/v1/targets");
    }

    /** An instant or range query's data as a result over the steps (matrix points placed on the nearest step). */
    public static QueryResult toResult(JsonNode data, long[] steps) {
        String type = data.path("resultType").asString();
        if (type.equals("scalar")) {
            double[] v = new double[steps.length];
            Arrays.fill(v, number(data.path("result").get(1)));
            return new QueryResult(steps, List.of(new Row(new TreeMap<>(), v)), true, 0);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : data.path("result")) {
            TreeMap<String, String> labels = new TreeMap<>();
            r.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            double[] v = new double[steps.length];
            Arrays.fill(v, Double.NaN);
            if (r.has("value")) {
                v[steps.length - 1] = number(r.path("value").get(1));
            }
            for (JsonNode p : r.path("values")) {
                long t = Math.round(p.get(0).asDouble() * 1000);
                int i = steps.length == 1 ? 0 : (int) Math.round((double) (t - steps[0]) / (steps[1] - steps[0]));
                if (i >= 0 && i < steps.length) {
                    v[i] = number(p.get(1));
                }
            }
            rows.add(new Row(labels, v));
        }
        return new QueryResult(steps, rows, false, 0);
    }

    private static double number(JsonNode n) {
        String s = n.asString();
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** The API path under the base URL, keeping the base's own path (a Prometheus behind a route prefix). */
    private URI endpoint(String path) {
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + path);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(endpoint(path)).timeout(timeout).GET().build());
    }

    private JsonNode post(String path, Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(endpoint(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> resp;
        try {
            resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PrometheusException(
                    "Prometheus at " + base + " is unreachable (" + describe(e)
                            + "): check prometheus_url; Observatory's own metrics (source=observatory) still work",
                    true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted while waiting for Prometheus at " + base, true);
        }
        JsonNode root;
        try {
            root = JSON.readTree(resp.body());
        } catch (RuntimeException e) {
            throw new PrometheusException(
                    "Prometheus at " + base + " answered " + resp.statusCode()
                            + " with a body that is not its JSON API (is prometheus_url the server's base URL?)",
                    false);
        }
        if (!"success".equals(root.path("status").asString())) {
            throw new PrometheusException("Prometheus refused the request (" + root.path("errorType").asString() + "): "
                    + root.path("error").asString(), false);
        }
        return root.path("data");
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}

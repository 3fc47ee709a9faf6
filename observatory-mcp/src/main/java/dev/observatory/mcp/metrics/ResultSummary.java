package dev.observatory.mcp.metrics;

import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.ToolContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A query result made short: each series as its labels with last/min/max/avg, the top ones by last value, points only
 * while the answer stays small, then cut to the output budget.
 */
final class ResultSummary {
    /** Most points (all series together) sent as points. */
    static final int MAX_POINTS = 600;

    private ResultSummary() {
    }

    static Map<String, Object> summarise(Obj answer, QueryResult result, boolean range, int maxSeries,
            ToolContext ctx) {
        List<Row> rows = new ArrayList<>(result.rows());
        rows.sort(Comparator.comparingDouble((Row r) -> last(r.values())).reversed());
        List<Row> shown = rows.subList(0, Math.min(maxSeries, rows.size()));
        long points = range ? shown.stream().mapToLong(r -> count(r.values())).sum() : 0;
        boolean withPoints = range && points <= MAX_POINTS;
        List<Obj> series = new ArrayList<>();
        for (Row r : shown) {
            Obj s = Obj.of().with("labels", r.labels()).with("last", value(last(r.values())));
            if (range) {
                double[] stats = stats(r.values());
                s.with("min", value(stats[0])).with("max", value(stats[1])).with("avg", value(stats[2]));
                if (withPoints) {
                    s.with("points", points(result.steps(), r.values()));
                }
            }
            series.add(s);
        }
        int fit = ctx.budget().fit(answer, series);
        answer.with("series_count", rows.size()).with("series", series.subList(0, fit))
                .with("points_omitted", range && !withPoints ? Boolean.TRUE : null)
                .with("truncated", fit < rows.size() ? Boolean.TRUE : null);
        return answer;
    }

    private static double last(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    private static long count(double[] v) {
        long n = 0;
        for (double x : v) {
            n += Double.isNaN(x) ? 0 : 1;
        }
        return n;
    }

    /** min, max, avg of the values present. */
    private static double[] stats(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                n++;
            }
        }
        return n == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN } : new double[] { min, max, sum / n };
    }

    private static List<List<Object>> points(long[] steps, double[] v) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                out.add(List.of(steps[i] / 1000.0, value(v[i])));
            }
        }
        return out;
    }

    /** A JSON-safe value: finite numbers rounded to 6 significant digits, else "NaN" / "Infinity" / "-Infinity". */
    static Object value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v == 0 ? 0.0 : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}

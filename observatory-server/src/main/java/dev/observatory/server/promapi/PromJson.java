package dev.observatory.server.promapi;

import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import dev.observatory.model.opsmetric.OpsSeries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query results in Prometheus' JSON shapes: an instant vector {@code [{"metric":{..},"value":[t,"v"]}]}, a scalar
 * {@code [t,"v"]}, a matrix {@code [{"metric":{..},"values":[[t,"v"],..]}]}; times in Unix seconds (a number with up to
 * three decimals), values as strings the way Go formats floats ({@code "1.5"}, {@code "+Inf"}, {@code "NaN"}).
 */
final class PromJson {
    private PromJson() {
    }

    /** The data of an instant query evaluated at {@code timeMs}. */
    static Map<String, Object> instant(QueryResult r, long timeMs) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.scalar()) {
            data.put("resultType", "scalar");
            data.put("result", point(timeMs, r.rows().get(0).values()[0]));
            return data;
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Row row : r.rows()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("metric", row.labels());
            s.put("value", point(timeMs, row.values()[0]));
            result.add(s);
        }
        data.put("resultType", "vector");
        data.put("result", result);
        return data;
    }

    /** The data of a range query: a matrix (a scalar query gives one series without labels). */
    static Map<String, Object> matrix(QueryResult r) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Row row : r.rows()) {
            List<List<Object>> values = new ArrayList<>();
            for (int i = 0; i < r.steps().length; i++) {
                if (!Double.isNaN(row.values()[i]) || r.scalar()) {
                    values.add(point(r.steps()[i], row.values()[i]));
                }
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("metric", row.labels());
            s.put("values", values);
            result.add(s);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resultType", "matrix");
        data.put("result", result);
        return data;
    }

    /** A series as the series API lists it: {@code __name__} and the labels. */
    static Map<String, String> labels(OpsSeries s) {
        Map<String, String> m = new TreeMap<>(s.labels());
        m.put("__name__", s.name());
        return m;
    }

    static List<Object> point(long timeMs, double value) {
        return List.of(seconds(timeMs), value(value));
    }

    /** Unix seconds: an integer when whole, else with the milliseconds as decimals (1435781451.781). */
    static Number seconds(long ms) {
        if (ms % 1000 == 0) {
            return ms / 1000;
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros();
    }

    /** A sample value as Go's strconv.FormatFloat(v, 'f', -1, 64) writes it, as Prometheus does. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}

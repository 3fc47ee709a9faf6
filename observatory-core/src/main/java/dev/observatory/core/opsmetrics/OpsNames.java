package dev.observatory.core.opsmetrics;

import dev.observatory.model.opsmetric.OpsSeries;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Prometheus naming: metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*} and label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}; other characters (the dots of OpenTelemetry names, e.g. {@code http.server.duration})
 * become underscores, and a leading digit gets an underscore in front.
 */
public final class OpsNames {
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private OpsNames() {
    }

    public static String metric(String name) {
        if (METRIC.matcher(name).matches()) {
            return name;
        }
        String s = name.replaceAll("[^a-zA-Z0-9_:]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    public static String label(String name) {
        if (LABEL.matcher(name).matches()) {
            return name;
        }
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** The series with valid names (the same object when they already are). */
    public static OpsSeries normalized(OpsSeries s) {
        boolean ok = METRIC.matcher(s.name()).matches()
                && s.labels().keySet().stream().allMatch(k -> LABEL.matcher(k).matches());
        if (ok) {
            return s;
        }
        Map<String, String> labels = new TreeMap<>();
        s.labels().forEach((k, v) -> labels.merge(label(k), v, (a, b) -> a + ";" + b));
        return OpsSeries.of(metric(s.name()), labels);
    }
}

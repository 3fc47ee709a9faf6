package dev.observatory.core.opsmetrics.query;

import java.util.SortedMap;

/**
 * One series of a query result: its labels ({@code __name__} holds the metric name while it is kept) and one value per
 * step, NaN where the series has no value at that step.
 */
public record Row(SortedMap<String, String> labels, double[] values) {

    /** Whether any step has a value. */
    public boolean present() {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** The labels without {@code __name__}. */
    SortedMap<String, String> withoutName() {
        SortedMap<String, String> l = new java.util.TreeMap<>(labels);
        l.remove("__name__");
        return l;
    }
}

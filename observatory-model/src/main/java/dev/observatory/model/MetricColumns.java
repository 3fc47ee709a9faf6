package dev.observatory.model;

/**
 * One metric key's points in columnar form: the three arrays have the same length. Steps may go backwards (stored as
 * sent). Values may be NaN or +-Infinity and are stored and returned as such. {@code timestampsMs} are epoch
 * milliseconds.
 */
public record MetricColumns(long[] steps, double[] values, long[] timestampsMs) {

    public MetricColumns {
        if (steps.length != values.length || steps.length != timestampsMs.length) {
            throw new IllegalArgumentException("steps, values and timestamps must have the same length (got "
                    + steps.length + ", " + values.length + ", " + timestampsMs.length + ")");
        }
    }

    public int size() {
        return steps.length;
    }
}

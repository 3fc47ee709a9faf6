package dev.observatory.store.internal;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricSummary;

/**
 * The running summary of one metric series, merged batch by batch on ingest so that run lists never scan history.
 * Implements the rules of {@link MetricSummary}: first/last are the points with the lowest/highest step (ties: the
 * earlier/later ingested); NaN and infinities count in {@code nanCount} and stay out of min/max, which are NaN while no
 * finite value was seen; argmin/argmax are the steps of the first min/max ingested. Not thread-safe.
 * <p>
 * Public only so that every backend shares these rules; not part of the SPI.
 */
public final class SeriesSummary {

    private long count;
    private long nanCount;
    private long firstStep;
    private double first = Double.NaN;
    private long lastStep;
    private double last = Double.NaN;
    private long lastTimestampMs;
    private double min = Double.NaN;
    private long argMinStep;
    private double max = Double.NaN;
    private long argMaxStep;

    /** An empty summary. */
    public SeriesSummary() {
    }

    /** A summary continuing from a stored one. */
    public static SeriesSummary of(MetricSummary s) {
        SeriesSummary r = new SeriesSummary();
        r.count = s.count();
        r.nanCount = s.nanCount();
        r.firstStep = s.firstStep();
        r.first = s.first();
        r.lastStep = s.lastStep();
        r.last = s.last();
        r.lastTimestampMs = s.lastTimestampMs();
        r.min = s.min();
        r.argMinStep = s.argMinStep();
        r.max = s.max();
        r.argMaxStep = s.argMaxStep();
        return r;
    }

    /** Adds every point of the columns, in order. */
    public void add(MetricColumns columns) {
        long[] steps = columns.steps();
        double[] values = columns.values();
        long[] ts = columns.timestampsMs();
        for (int i = 0; i < steps.length; i++) {
            add(steps[i], values[i], ts[i]);
        }
    }

    /** Adds one point, later in ingest order than every point added before. */
    public void add(long step, double value, long timestampMs) {
        if (count == 0 || step < firstStep) {
            firstStep = step;
            first = value;
        }
        if (count == 0 || step >= lastStep) {
            lastStep = step;
            last = value;
            lastTimestampMs = timestampMs;
        }
        count++;
        if (!Double.isFinite(value)) {
            nanCount++;
            return;
        }
        if (Double.isNaN(min) || value < min) {
            min = value;
            argMinStep = step;
        }
        if (Double.isNaN(max) || value > max) {
            max = value;
            argMaxStep = step;
        }
    }

    public long count() {
        return count;
    }

    /** The lowest step seen. */
    public long minStep() {
        return firstStep;
    }

    /** The highest step seen. */
    public long maxStep() {
        return lastStep;
    }

    public MetricSummary toSummary(String key) {
        return new MetricSummary(key, count, nanCount, firstStep, first, lastStep, last, lastTimestampMs, min,
                argMinStep, max, argMaxStep);
    }
}

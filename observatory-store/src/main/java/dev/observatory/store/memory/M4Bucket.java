package dev.observatory.store.memory;

import dev.observatory.model.SeriesBucket;

/** Accumulates one M4 bucket from points given in ingest order. */
final class M4Bucket {

    private long count;
    private long nanCount;
    private boolean anyFinite;
    private long firstStep = Long.MAX_VALUE;
    private double first = Double.NaN;
    private long lastStep = Long.MIN_VALUE;
    private double last = Double.NaN;
    private long minStep;
    private double min = Double.NaN;
    private long maxStep;
    private double max = Double.NaN;
    private long anyFirstStep = Long.MAX_VALUE;
    private long anyLastStep = Long.MIN_VALUE;

    void add(long step, double value) {
        count++;
        anyFirstStep = Math.min(anyFirstStep, step);
        anyLastStep = Math.max(anyLastStep, step);
        if (!Double.isFinite(value)) {
            nanCount++;
            return;
        }
        if (!anyFinite || step < firstStep) {
            firstStep = step;
            first = value;
        }
        if (!anyFinite || step >= lastStep) {
            lastStep = step;
            last = value;
        }
        if (!anyFinite || value < min) {
            min = value;
            minStep = step;
        }
        if (!anyFinite || value > max) {
            max = value;
            maxStep = step;
        }
        anyFinite = true;
    }

    SeriesBucket toBucket() {
        if (!anyFinite) {
            return new SeriesBucket(anyFirstStep, Double.NaN, anyLastStep, Double.NaN, anyFirstStep, Double.NaN,
                    anyFirstStep, Double.NaN, count, nanCount);
        }
        return new SeriesBucket(firstStep, first, lastStep, last, minStep, min, maxStep, max, count, nanCount);
    }
}

package dev.observatory.store.jdbc;

import dev.observatory.model.SeriesBucket;

/**
 * The M4 state of a set of points, fed in ingest order: count, non-finite count, the first and last finite points by
 * step (ties: the earlier / the later ingested), and the first ingested of the min and max finite points. Without
 * finite points, first/last are the first/last points by step with NaN values and min/max are NaN at the first step.
 * These are the bucket rules of the in-memory reference (memory.M4Bucket). One cell describes a bucket, and also a
 * whole PostgreSQL chunk (its stats columns) or DuckDB tile row, so a chunk or tile that falls inside one bucket merges
 * without being decoded.
 */
final class M4Cell {

    long count;
    long nanCount;
    /** Smallest and largest step of any point. */
    long minStep = Long.MAX_VALUE;
    long maxStep = Long.MIN_VALUE;
    long firstStep;
    double first = Double.NaN;
    long lastStep;
    double last = Double.NaN;
    long argMinStep;
    double min = Double.NaN;
    long argMaxStep;
    double max = Double.NaN;

    boolean hasFinite() {
        return count > nanCount;
    }

    void add(long step, double value) {
        count++;
        if (step < minStep) {
            minStep = step;
        }
        if (step > maxStep) {
            maxStep = step;
        }
        if (!Double.isFinite(value)) {
            nanCount++;
            return;
        }
        if (count - nanCount == 1) {
            firstStep = lastStep = argMinStep = argMaxStep = step;
            first = last = min = max = value;
            return;
        }
        if (step < firstStep) {
            firstStep = step;
            first = value;
        }
        if (step >= lastStep) {
            lastStep = step;
            last = value;
        }
        if (value < min) {
            min = value;
            argMinStep = step;
        }
        if (value > max) {
            max = value;
            argMaxStep = step;
        }
    }

    /** Merges the state of points ingested after this cell's points. */
    void merge(M4Cell o) {
        if (o.count == 0) {
            return;
        }
        boolean hadFinite = hasFinite();
        count += o.count;
        nanCount += o.nanCount;
        minStep = Math.min(minStep, o.minStep);
        maxStep = Math.max(maxStep, o.maxStep);
        if (!o.hasFinite()) {
            return;
        }
        if (!hadFinite) {
            firstStep = o.firstStep;
            first = o.first;
            lastStep = o.lastStep;
            last = o.last;
            argMinStep = o.argMinStep;
            min = o.min;
            argMaxStep = o.argMaxStep;
            max = o.max;
            return;
        }
        if (o.firstStep < firstStep) {
            firstStep = o.firstStep;
            first = o.first;
        }
        if (o.lastStep >= lastStep) {
            lastStep = o.lastStep;
            last = o.last;
        }
        if (o.min < min) {
            min = o.min;
            argMinStep = o.argMinStep;
        }
        if (o.max > max) {
            max = o.max;
            argMaxStep = o.argMaxStep;
        }
    }

    static M4Cell of(long[] steps, double[] values, int from, int to) {
        M4Cell cell = new M4Cell();
        for (int i = from; i < to; i++) {
            cell.add(steps[i], values[i]);
        }
        return cell;
    }

    SeriesBucket toBucket() {
        if (!hasFinite()) {
            return new SeriesBucket(minStep, Double.NaN, maxStep, Double.NaN, minStep, Double.NaN, minStep, Double.NaN,
                    count, nanCount);
        }
        return new SeriesBucket(firstStep, first, lastStep, last, argMinStep, min, argMaxStep, max, count, nanCount);
    }
}

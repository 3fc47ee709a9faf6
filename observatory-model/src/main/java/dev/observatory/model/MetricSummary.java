package dev.observatory.model;

/**
 * Summary of one run's metric series, kept on ingest (the "latest metrics" table) so that run lists never scan history.
 * {@code last*} is the point with the highest step (ties: the later ingested). min/max ignore NaN; they are NaN when
 * every value is NaN. {@code argMinStep}/{@code argMaxStep} are the steps of the first min/max.
 */
public record MetricSummary(String key, long count, long nanCount, long firstStep, double first, long lastStep,
        double last, long lastTimestampMs, double min, long argMinStep, double max, long argMaxStep) {
}

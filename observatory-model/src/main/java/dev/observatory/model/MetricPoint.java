package dev.observatory.model;

/** One point of a metric series. */
public record MetricPoint(long step, double value, long timestampMs) {
}

package dev.observatory.core.apm;

import dev.observatory.analysis.anomaly.MetricSeries;
import java.util.List;

/**
 * A series read for anomaly detection or a capacity forecast, with what its positions mean.
 *
 * @param name
 *            what the series is, e.g. "p95_latency_ms of checkout per 1m" or "run 3f2a.. metric gpu_mem"
 * @param unit
 *            of the positions: "epoch_ms" or "step"
 * @param spacing
 *            the usual distance between two points, in that unit (the bucket width, or the median step)
 * @param periods
 *            seasonal period candidates in points (daily, weekly) when the positions are times; empty otherwise
 * @param truncated
 *            only the latest {@code ApmSeries.MAX_POINTS} points were kept
 */
public record SeriesSource(String name, MetricSeries series, String unit, long spacing, List<Integer> periods,
        boolean truncated) {

    public SeriesSource {
        periods = List.copyOf(periods);
    }
}

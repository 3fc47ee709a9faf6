package dev.observatory.core;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import java.util.List;

/**
 * A chart-ready series: M4 buckets over [fromStep, toStep] plus the whole series' summary. {@code downsampled} is false
 * when every point is returned (the series is small enough).
 */
public record MetricHistory(String runId, String key, long fromStep, long toStep, List<SeriesBucket> buckets,
        MetricSummary summary, boolean downsampled) {
}

package dev.observatory.store;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Metric series: (run, key) -> points. Keys are validated by the caller (core): 1..250 chars, no control chars. Points
 * are kept exactly as sent: steps may repeat or go backwards; NaN and +-Infinity round-trip.
 */
public interface MetricStore {

    /**
     * Appends a batch for one run and updates the per-key summaries (MetricSummary). Durable on return. The run must
     * exist (NotFoundException). Thread-safe; implementations may group-commit concurrent calls.
     */
    void append(String runId, Map<String, MetricColumns> batch);

    /** Summaries of every key of a run, ordered by key. Empty for a run without metrics. */
    List<MetricSummary> summaries(String runId);

    /** Summaries of the given keys for many runs at once (runs table): runId -> key -> summary. */
    Map<String, Map<String, MetricSummary>> summaries(Collection<String> runIds, Collection<String> keys);

    /** Distinct metric keys across the runs of a project, ordered, with the number of runs having each. */
    Map<String, Long> keysOfProject(String project);

    /**
     * Raw points with {@code fromStep <= step <= toStep}, ordered by step then ingest order, at most limit, skipping
     * the first {@code offset} such points.
     */
    List<MetricPoint> read(String runId, String key, long fromStep, long toStep, long offset, int limit);

    /**
     * M4 downsampling of the points with {@code fromStep <= step <= toStep} into at most {@code buckets} step buckets
     * of nearly equal width whose edges lie on multiples of a power-of-two cell (see
     * {@link dev.observatory.store.internal.StepBuckets}, docs/decisions/0042-m4-aligned-buckets.md; only non-empty
     * buckets are returned, ordered by step). NaN/Inf values are counted in nanCount and excluded from min/max;
     * first/last are taken over finite values when any (else NaN).
     */
    List<SeriesBucket> downsample(String runId, String key, long fromStep, long toStep, int buckets);

    /**
     * M4 charts of one metric for many runs at once, each over the run's whole series: runId -> the buckets that
     * {@code downsample(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, buckets)} returns. Runs without the metric are
     * absent. For comparisons over many runs: an implementation may answer with a few statements instead of one per
     * run; the default asks {@link #downsample} run by run.
     */
    default Map<String, List<SeriesBucket>> downsampleRuns(Collection<String> runIds, String key, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        Map<String, List<SeriesBucket>> out = new java.util.LinkedHashMap<>();
        for (String runId : new java.util.LinkedHashSet<>(runIds)) {
            List<SeriesBucket> b = downsample(runId, key, Long.MIN_VALUE, Long.MAX_VALUE, buckets);
            if (!b.isEmpty()) {
                out.put(runId, b);
            }
        }
        return out;
    }

    /** Total points stored, for /metrics. */
    long pointCount();
}

package dev.observatory.store;

import dev.observatory.model.Run;
import java.util.List;
import java.util.Map;

/**
 * One run of a searched page as MLflow shows it, read together with the page ({@link MlflowStore#searchPage}).
 *
 * @param run
 *            the run's row
 * @param sideTags
 *            its MLflow side tags (key to value; empty when it has none)
 * @param metrics
 *            the latest point of each of its metrics, in no particular order
 */
public record MlflowSearchRow(Run run, Map<String, String> sideTags, List<LatestMetric> metrics) {

    public MlflowSearchRow {
        sideTags = Map.copyOf(sideTags);
        metrics = List.copyOf(metrics);
    }

    /** A metric's latest point: the one with the highest step (ties: the later ingested), as in its summary. */
    public record LatestMetric(String key, double value, long timestampMs, long step) {
    }
}

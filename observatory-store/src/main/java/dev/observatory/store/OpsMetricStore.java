package dev.observatory.store;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Service metrics (OTLP metrics, Prometheus remote write), distinct from the run metrics of experiments: series (a name
 * and a label set, identified by {@link OpsSeries#id()}) and their samples (epoch-millisecond time, double value).
 * Histograms are stored the Prometheus way, as {@code _bucket} series with an {@code le} label plus {@code _sum} and
 * {@code _count}, so quantiles can be computed from them. Input is validated by the caller (core {@code OpsMetrics}).
 * <p>
 * Writes are durable when they return. A sample sent again (same series and time) may be stored twice but is read once:
 * reads return one value per time (the one written last).
 */
public interface OpsMetricStore {

    /** Stores the samples, creating their series when new. */
    void append(List<OpsSamples> batches);

    /** Every series with this metric name, in no particular order. */
    List<OpsSeries> series(String name);

    /** Every metric name stored, sorted. */
    List<String> names();

    /**
     * The samples of the series with time in [fromMs, toMs], sorted by time, one per time; one entry per requested
     * series in the same order (empty arrays when it has none).
     */
    List<OpsSamples> samples(List<OpsSeries> series, long fromMs, long toMs);

    /** The latest stored value of each series id that has one (for turning delta sums into cumulative ones). */
    Map<Long, Double> lastValues(Collection<Long> seriesIds);

    /** Deletes every sample older than the time (and series left without samples); returns samples deleted. */
    long deleteBefore(long timeMs);

    /** Samples stored (a re-sent sample may count twice). */
    long countSamples();
}

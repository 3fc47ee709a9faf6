package dev.observatory.core.slo;

import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliSelector;
import java.time.Instant;
import java.util.List;

/**
 * Where the events of an SLI come from. Observatory's spans ({@link SpanSliSource}) are the first source; a metrics
 * store or a Prometheus query can be plugged in by implementing this interface.
 */
public interface SliSource {

    /** Total events, failed events and the latency histogram of the selector in [from, to). */
    SliCounts counts(SliSelector selector, Instant from, Instant to);

    /**
     * The counts of several windows that all end at {@code to}, one per start in the order given; the same as
     * {@link #counts} of each. Sources that can read them together (one query) override it.
     */
    default List<SliCounts> countsEndingAt(SliSelector selector, List<Instant> starts, Instant to) {
        return starts.stream().map(from -> counts(selector, from, to)).toList();
    }

    /** Brings pre-aggregations up to date for reads at {@code now}; a no-op when the source has none. */
    default void refresh(Instant now) {
    }
}

package dev.observatory.core.slo;

import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliSelector;
import java.time.Instant;

/**
 * Where the events of an SLI come from. Observatory's spans ({@link SpanSliSource}) are the first source; a metrics
 * store or a Prometheus query can be plugged in by implementing this interface.
 */
public interface SliSource {

    /** Total events, failed events and the latency histogram of the selector in [from, to). */
    SliCounts counts(SliSelector selector, Instant from, Instant to);

    /** Brings pre-aggregations up to date for reads at {@code now}; a no-op when the source has none. */
    default void refresh(Instant now) {
    }
}

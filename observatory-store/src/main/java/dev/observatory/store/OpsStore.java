package dev.observatory.store;

import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliQuery;
import java.util.List;
import java.util.Optional;

/**
 * SLO and alerting state: SLI counts over the stored spans (with rollups), small JSON documents (SLO definitions, alert
 * rules, alert states, silences, routes) and the alert delivery log.
 * <p>
 * SLI rollups: spans are rolled up into {@link #BUCKET_NANOS} buckets per (service, span name, kind, tool, model) with
 * their count, failures and a latency histogram. {@link #rollUp} moves the watermark forward; {@link #sli} reads the
 * rollups for whole buckets below the watermark and the raw spans for the rest of the window, so its result does not
 * depend on how far the rollups have got. A span that arrives with a start time below the watermark after the rollup is
 * not counted (callers roll up with a lag behind the clock).
 */
public interface OpsStore {

    /** Width of one rollup bucket: 5 minutes. */
    long BUCKET_NANOS = 300_000_000_000L;

    /**
     * Rolls the spans that started before {@code upToNanos} (floored to a bucket) into the rollups, from the current
     * watermark on; returns the new watermark. Idempotent; a watermark never moves back.
     */
    long rollUp(long upToNanos);

    /** The rollups' watermark: spans that started before it are counted in the rollups (Long.MIN_VALUE: none yet). */
    long rolledUpTo();

    /** Counts, failures and latency histogram of the selector's spans in the window. */
    SliCounts sli(SliQuery query);

    /**
     * The counts of several windows, in the order asked, each the same as {@link #sli} of it. The JDBC stores read them
     * in one statement that scans a stretch shared by several windows (e.g. the recent edge of burn-rate windows that
     * all end now) once; the default asks {@link #sli} for each.
     */
    default List<SliCounts> sliAll(List<SliQuery> queries) {
        return queries.stream().map(this::sli).toList();
    }

    /** Stores the document, replacing one of the same kind and id. */
    void put(OpsDocument document);

    Optional<OpsDocument> get(String kind, String id);

    /** Documents of a kind by id. */
    List<OpsDocument> list(String kind);

    /** Deletes a document; false when there was none. */
    boolean delete(String kind, String id);

    /** Appends a line to the delivery log. */
    void logDelivery(List<Delivery> lines);

    /** Delivery log lines, newest first. */
    List<Delivery> deliveries(DeliveryQuery query);
}

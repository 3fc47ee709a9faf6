package dev.observatory.store;

import dev.observatory.model.trace.ApmQuery;
import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.SelfTimes;
import dev.observatory.model.trace.ServiceEdge;
import dev.observatory.model.trace.ServiceStats;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanBucket;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.internal.SpanFactsReader;
import java.util.List;
import java.util.Set;

/**
 * Spans of distributed traces (OTLP ingest and Observatory's own tool calls) with the columns derived from them at
 * ingest (model, tool, tokens, cost, reliability signals). Input is validated by the caller (core {@code Traces}).
 * <p>
 * Writes are durable when they return and idempotent on (traceId, spanId): a span sent again is ignored, never stored
 * twice (the first copy wins). A re-sent span carries its original start time; the DuckDB backend finds stored copies
 * by that time (zone maps instead of a unique index), so a "copy" with another start time would be kept as well.
 * Integer attribute values read back as Long, decimals as Double.
 * <p>
 * "Calls" below are spans with an operation, a model or a tool name (LLM and MCP calls).
 */
public interface TraceStore {

    /** Stores spans with their derived columns; spans whose (traceId, spanId) is already stored are ignored. */
    void write(List<TracedSpan> spans);

    /**
     * Stores spans, deriving their columns from the semantic-convention attributes only (no token estimate, no price
     * table: use core {@code Traces.ingest} for those).
     */
    default void append(List<Span> spans) {
        write(spans.stream().map(s -> new TracedSpan(s, SpanFactsReader.read(s))).toList());
    }

    /** The spans of a trace with their derived columns, by start time then span id; empty for an unknown trace. */
    List<TracedSpan> trace(String traceId);

    /** One row per matching trace, in the query's order, at most {@code limit}, after its cursor. */
    List<TraceSummary> listTraces(TraceQuery query);

    /** Tokens and cost of the calls in the window, grouped; rows ordered by bucket then cost descending. */
    List<UsageRow> usage(UsageQuery query);

    /** Counts and latency percentiles of the calls in the window, one row per group, by calls descending. */
    List<CallStats> callStats(StatsQuery query);

    /**
     * Trace ids (most recent first, distinct, at most {@code limit}) of calls in the query's window and service that
     * show the signal.
     */
    List<String> tracesWith(StatsQuery query, TraceSignal signal, int limit);

    /** Trace ids of the costliest calls in the query's window and service (by call cost descending, distinct). */
    List<String> costliestTraces(StatsQuery query, int limit);

    /**
     * Failed spans (status ERROR or with an error type) in [fromNanos, toNanos) grouped by service, name and error
     * type; by count descending, at most {@code limit} groups with up to {@code examples} trace ids each.
     */
    List<ErrorGroup> errorGroups(long fromNanos, long toNanos, String service, int limit, int examples);

    /** Deletes every span that started before the time; returns how many. */
    long deleteBefore(long startNanos);

    /** Spans stored. */
    long countSpans();

    // ---- APM aggregates (service health, service map, latency); appended for issue 10

    /** How long before the window a parent span may have started and still be matched by {@link #serviceEdges}. */
    long PARENT_LOOKBACK_NANOS = 3_600_000_000_000L;

    /** Services with a span starting in [fromNanos, toNanos), by name, at most {@code limit}. */
    List<String> services(long fromNanos, long toNanos, int limit);

    /**
     * RED rows of the requests (entry spans: kind SERVER or CONSUMER, or no parent) in the query's window, service and
     * operation, grouped by service (and span name when {@code byOperation}); by requests descending, then service and
     * operation; at most {@code limit} rows.
     */
    List<ServiceStats> serviceStats(ApmQuery query, boolean byOperation, int limit);

    /**
     * Calls crossing services: spans starting in the window whose parent span has another service, grouped by (caller,
     * callee); with a service in the query only edges from or to it (the operation is ignored). By calls descending,
     * then caller and callee; at most {@code limit} edges. A parent written in the same batch as its child is always
     * matched (the SQL backends record its service on the child row); one written in another batch is matched when it
     * started at most {@link #PARENT_LOOKBACK_NANOS} before the window.
     */
    List<ServiceEdge> serviceEdges(ApmQuery query, int limit);

    /**
     * Self time per operation of the spans in the query's window, service and operation, in the traces in scope: all
     * traces with a span in the window when {@code tailQuantile} is 0, else only those whose duration (last end minus
     * first start of their spans in the window) is at least that quantile of the window's trace durations. Children
     * count wherever they run (another service's child is time spent waiting). At most {@code limit} operations.
     */
    SelfTimes selfTimes(ApmQuery query, double tailQuantile, int limit);

    /**
     * Requests (entry spans) of the query's window, service and operation per time bucket of {@code bucketNanos}
     * (bucket start = start - start mod width); buckets without requests are absent; by bucket start.
     */
    List<SpanBucket> spanBuckets(ApmQuery query, long bucketNanos);

    // ---- appended for the trace performance bars (session 5)

    /**
     * The spans of a trace as {@link #trace} returns them, but with attributes, resource, events and links only for the
     * spans whose ids are in {@code detailed} (empty for the others): what a compact tree needs, at a fraction of the
     * reading. Empty for an unknown trace.
     */
    default List<TracedSpan> traceOutline(String traceId, Set<String> detailed) {
        return trace(traceId);
    }

    // ---- appended for the trace performance bars (session 6)

    /**
     * The spans of a trace with only what its compact tree and summary show, in {@link #trace}'s order: trace, span and
     * parent ids, service, name, kind, status, start and end; of the facts model, tool name, input and output tokens,
     * cost and error type. Everything else may be left empty (no status message, attributes, resource, scope, events or
     * links; the other facts null or false, reliability {@code NONE}): a store reads only these columns. Empty for an
     * unknown trace.
     */
    default List<TracedSpan> traceSkeleton(String traceId) {
        return traceOutline(traceId, Set.of());
    }
}

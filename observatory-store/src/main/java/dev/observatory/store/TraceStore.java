package dev.observatory.store;

import dev.observatory.model.trace.CallStats;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.StatsQuery;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSignal;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.internal.SpanFactsReader;
import java.util.List;

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
}

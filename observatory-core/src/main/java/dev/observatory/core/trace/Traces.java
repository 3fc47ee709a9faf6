package dev.observatory.core.trace;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.trace.ErrorGroup;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TraceQuery;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.model.trace.UsageQuery;
import dev.observatory.model.trace.UsageRow;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The trace service: ingest of spans (OTLP receiver, self-observability) with validation, limits and the LLM call view
 * derived at ingest, and the questions asked about traces. A facade over a {@link Tracking}'s store, clock and
 * read-only flag: building one per request is cheap, but the price table and settings are shared when built from
 * {@link #Traces(Tracking, TraceSettings)}.
 * <p>
 * Errors: IllegalArgumentException for bad input (the message says what to fix), ReadOnlyException for ingest in
 * read-only mode.
 */
public final class Traces {
    /** Largest page of traces one call may ask for. */
    public static final int MAX_PAGE = 500;
    /** Default window of the snapshot, alerts, usage and the finders. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** Longest window one question may cover. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final Tracking tracking;
    private final TraceStore store;
    private final TraceSettings settings;

    private static final Map<Tracking, TraceSettings> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final TraceSettings DEFAULTS = TraceSettings.defaults();

    /** With the settings {@link #configure configured} for this tracking, else the defaults. */
    public Traces(Tracking tracking) {
        this(tracking, CONFIGURED.getOrDefault(tracking, DEFAULTS));
    }

    /**
     * Sets the settings (price overrides, thresholds, retention) every {@code new Traces(tracking)} of this tracking
     * uses from now on: the server calls it once at start-up from its configuration.
     */
    public static void configure(Tracking tracking, TraceSettings settings) {
        CONFIGURED.put(tracking, settings);
    }

    public Traces(Tracking tracking, TraceSettings settings) {
        this.tracking = tracking;
        this.store = tracking.store().traces();
        this.settings = settings;
    }

    public TraceSettings settings() {
        return settings;
    }

    /**
     * Validates and stores spans. Invalid spans (ids not hex of the right length or all zero, end before start, missing
     * start) are rejected one by one and counted; the others are cut to the {@link SpanLimits}, get their LLM columns
     * derived (model, provider, tokens — estimated when usage is absent —, cost from the price table, reliability
     * signals) and are stored durably. A span already stored (same trace and span id) is not stored again.
     * ReadOnlyException in read-only mode.
     */
    public IngestResult ingest(List<Span> spans) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("trace ingest");
        }
        SpanSanitizer sanitizer = new SpanSanitizer();
        List<TracedSpan> good = new ArrayList<>(spans.size());
        List<String> errors = new ArrayList<>();
        Set<SpanKey> seen = new HashSet<>(spans.size() * 2);
        int rejected = 0;
        for (Span s : spans) {
            Span clean;
            try {
                clean = sanitizer.clean(s);
            } catch (IllegalArgumentException | NullPointerException e) {
                rejected++;
                if (errors.size() < IngestResult.MAX_ERRORS) {
                    errors.add(e.getMessage());
                }
                continue;
            }
            if (seen.add(new SpanKey(clean.traceId(), clean.spanId()))) {
                good.add(new TracedSpan(clean, settings.calls().facts(s)));
            }
        }
        if (!good.isEmpty()) {
            store.write(good);
        }
        TraceRetention.maybeRun(store, settings.retentionDays(), tracking.clock());
        return new IngestResult(spans.size() - rejected, rejected, sanitizer.truncated, sanitizer.dropped, errors);
    }

    // ---- reading

    /** A page of traces matching the request, with a keyset cursor to the next page (null on the last). */
    public TracePage listTraces(TraceListRequest r) {
        if (r.limit() < 1 || r.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + r.limit());
        }
        long from = r.from() == null ? 0 : nanos(r.from());
        long to = r.to() == null ? Long.MAX_VALUE : nanos(r.to());
        if (to <= from) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
        if (r.minDuration() != null && r.minDuration().isNegative()) {
            throw new IllegalArgumentException("min duration must not be negative");
        }
        TraceQuery.Order order = r.order() == null ? TraceQuery.Order.RECENT : r.order();
        String fingerprint = fingerprint(r);
        TraceQuery q = new TraceQuery(blankToNull(r.service()), blankToNull(r.model()), blankToNull(r.tool()),
                r.errors(), r.minDuration() == null ? 0 : r.minDuration().toNanos(), from, to, order,
                TraceCursor.decode(r.cursor(), fingerprint), r.limit() + 1);
        List<TraceSummary> rows = store.listTraces(q);
        if (rows.size() <= r.limit()) {
            return new TracePage(rows, null);
        }
        List<TraceSummary> page = rows.subList(0, r.limit());
        TraceSummary last = page.get(page.size() - 1);
        long key = order == TraceQuery.Order.SLOWEST ? last.durationNanos() : last.startNanos();
        return new TracePage(page, TraceCursor.encode(new TraceQuery.After(key, last.traceId()), fingerprint));
    }

    /**
     * A cursor to the page after {@code last}, for a surface that shows fewer rows than a page held (an output budget);
     * the request must be the one the page came from.
     */
    public String cursorAfter(TraceListRequest r, TraceSummary last) {
        TraceQuery.Order order = r.order() == null ? TraceQuery.Order.RECENT : r.order();
        long key = order == TraceQuery.Order.SLOWEST ? last.durationNanos() : last.startNanos();
        return TraceCursor.encode(new TraceQuery.After(key, last.traceId()), fingerprint(r));
    }

    /** What a cursor is bound to: the filters and order (not the window, which may slide between pages). */
    private static String fingerprint(TraceListRequest r) {
        TraceQuery.Order order = r.order() == null ? TraceQuery.Order.RECENT : r.order();
        return String.join("|", String.valueOf(r.service()), String.valueOf(r.model()), String.valueOf(r.tool()),
                String.valueOf(r.errors()), String.valueOf(r.minDuration()), order.name());
    }

    /**
     * A trace as a compact tree with its critical path; the spans whose ids are in {@code expand} come back in full.
     * NotFoundException for an unknown trace, IllegalArgumentException for an id that is not 32 hex characters.
     */
    public TraceView getTrace(String traceId, Set<String> expand) {
        String id = traceId(traceId);
        Set<String> expanded = expand == null ? Set.of() : expand;
        List<TracedSpan> spans = expanded.isEmpty() ? store.traceSkeleton(id) // the tree's columns only
                : store.traceOutline(id, expanded); // attributes only where they are shown
        if (spans.isEmpty()) {
            throw new NotFoundException("trace '" + id + "' does not exist (or its spans were deleted by retention)");
        }
        return TraceTrees.view(id, spans, expanded);
    }

    /** Tokens and cost of the calls in the window, grouped (see {@link UsageQuery}). */
    public List<UsageRow> usage(Instant from, Instant to, List<UsageQuery.Dimension> groupBy, Duration bucket,
            String service, String model) {
        Instant[] w = window(from, to);
        if (bucket != null && (bucket.isNegative() || (!bucket.isZero() && bucket.toSeconds() < 1))) {
            throw new IllegalArgumentException("bucket must be at least 1 second");
        }
        return store.usage(new UsageQuery(nanos(w[0]), nanos(w[1]), groupBy, bucket == null ? 0 : bucket.toNanos(),
                blankToNull(service), blankToNull(model)));
    }

    /** The metrics snapshot per service over the window (default: the last hour). */
    public MetricsSnapshot snapshot(Instant from, Instant to, String service) {
        Instant[] w = window(from, to);
        return metrics().snapshot(w[0], w[1], blankToNull(service));
    }

    /** Snapshot metrics above their thresholds, with a few traces behind each. */
    public List<Alert> activeAlerts(Instant from, Instant to, String service) {
        Instant[] w = window(from, to);
        return metrics().alerts(w[0], w[1], blankToNull(service));
    }

    /** Models side by side: latency, cost, errors, confidence (only the given models when the list is not empty). */
    public List<ModelComparison> compareModels(Instant from, Instant to, String service, List<String> models) {
        Instant[] w = window(from, to);
        return metrics().compare(w[0], w[1], blankToNull(service), models == null ? List.of() : models);
    }

    /** Failed spans grouped by error signature (service, span name, error type), most frequent first. */
    public List<ErrorGroup> errorGroups(Instant from, Instant to, String service, int limit) {
        Instant[] w = window(from, to);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        return store.errorGroups(nanos(w[0]), nanos(w[1]), blankToNull(service), limit, TraceMetrics.EXAMPLES);
    }

    /** Deletes spans older than the retention setting; returns how many (0 when retention is off). */
    public long applyRetention() {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("trace retention");
        }
        return TraceRetention.run(store, settings.retentionDays(), tracking.clock());
    }

    private TraceMetrics metrics() {
        return new TraceMetrics(store, settings.thresholds());
    }

    /** [from, to) with defaults: to = now, from = to - {@link #DEFAULT_WINDOW}. */
    private Instant[] window(Instant from, Instant to) {
        Instant end = to == null ? tracking.clock().instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the window must be at most " + MAX_WINDOW.toDays() + " days");
        }
        return new Instant[] { start, end };
    }

    /** Epoch nanoseconds of an instant, saturating. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? 0 : Long.MAX_VALUE;
        }
    }

    /** The id lower-cased; IllegalArgumentException when it is not 32 hex characters. */
    static String traceId(String id) {
        if (id == null || !id.strip().matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("trace id must be 32 hex characters, got '" + id + "'");
        }
        return id.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A span's identity within an ingest call (no concatenated key string per span). */
    private record SpanKey(String traceId, String spanId) {
    }
}

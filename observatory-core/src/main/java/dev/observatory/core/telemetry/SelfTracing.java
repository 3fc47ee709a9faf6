package dev.observatory.core.telemetry;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Observatory's own tool calls and HTTP requests as spans of service {@value #SERVICE}, following the OTel MCP
 * and HTTP semantic conventions, without ever blocking the caller: spans go into a bounded queue (full: the span is
 * dropped and counted in {@value #DROPPED_METRIC}) that a background thread drains in batches of up to {@value #BATCH}
 * into the sink (the trace service) within {@value #FLUSH_MILLIS} ms, or as soon as a batch is full. OTLP requests
 * ({@code /v1/*}) are not recorded, so exporting to oneself cannot loop. {@link #close()} flushes what is queued.
 */
public final class SelfTracing implements SelfTracer, AutoCloseable {
    public static final String SERVICE = "observatory";
    public static final String RECORDED_METRIC = "observatory_self_trace_spans_total";
    public static final String DROPPED_METRIC = "observatory_self_trace_spans_dropped_total";
    static final int BATCH = 512;
    static final long FLUSH_MILLIS = 1000;
    private static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SelfTracing.class);
    private static final HexFormat HEX = HexFormat.of();

    private final BlockingQueue<Span> queue;
    private final Consumer<List<Span>> sink;
    private final Meters meters;
    private final Clock clock;
    private final Map<String, Object> resource;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param sink
     *            stores a batch (called on the background thread only); its failures are logged and counted as drops
     * @param capacity
     *            most spans waiting; more are dropped
     */
    public SelfTracing(Consumer<List<Span>> sink, Meters meters, Clock clock, String version, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.meters = meters;
        this.clock = clock;
        this.resource = Map.of("service.name", SERVICE, "service.version", version);
        this.worker = Thread.ofPlatform().daemon().name("self-tracing").unstarted(this::drain);
        worker.start();
    }

    @Override
    public void toolCall(String tool, String outcome, long durationNanos) {
        Map<String, Object> a = new LinkedHashMap<>(8);
        a.put("mcp.method.name", "tools/call");
        a.put("gen_ai.tool.name", tool);
        a.put("gen_ai.operation.name", "execute_tool");
        boolean ok = "ok".equals(outcome);
        if (!ok) {
            a.put("error.type", outcome);
        }
        enqueue("tools/call " + tool, a, ok ? SpanStatus.UNSET : SpanStatus.ERROR, ok ? null : outcome, durationNanos);
    }

    @Override
    public void httpRequest(String method, String route, String path, int status, long durationNanos) {
        if (path != null && path.startsWith("/v1/")) {
            return;
        }
        Map<String, Object> a = new LinkedHashMap<>(8);
        a.put("http.request.method", method);
        a.put("http.route", route);
        a.put("url.path", path);
        a.put("http.response.status_code", (long) status);
        boolean failed = status >= 500;
        if (failed) {
            a.put("error.type", Integer.toString(status));
        }
        enqueue(method + " " + route, a, failed ? SpanStatus.ERROR : SpanStatus.UNSET, null, durationNanos);
    }

    private void enqueue(String name, Map<String, Object> attributes, SpanStatus status, String message,
            long durationNanos) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        long end = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Span s = new Span(id(16), id(8), null, SERVICE, name, SpanKind.SERVER, end - Math.max(0, durationNanos), end,
                status, message, attributes, resource, "dev.observatory", "", List.of(), List.of());
        if (queue.offer(s)) {
            meters.count(RECORDED_METRIC, "Spans of Observatory's own tool calls and requests, queued to store.", 1);
        } else {
            dropped(1);
        }
    }

    private void dropped(long n) {
        meters.count(DROPPED_METRIC, "Self-tracing spans dropped (queue full or store failure).", n);
    }

    private static String id(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        do {
            r.nextBytes(b);
        } while (allZero(b));
        return HEX.formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void drain() {
        List<Span> batch = new ArrayList<>(BATCH);
        long firstAt = 0;
        while (true) {
            boolean stopping = closed;
            try {
                Span s = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (s != null) {
                    if (batch.isEmpty()) {
                        firstAt = System.nanoTime();
                    }
                    batch.add(s);
                    queue.drainTo(batch, BATCH - batch.size());
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            boolean due = batch.size() >= BATCH
                    || !batch.isEmpty() && System.nanoTime() - firstAt >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
            if (due || stopping) {
                flush(batch);
            }
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    private void flush(List<Span> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.accept(List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.warn("self-tracing: could not store {} spans: {}", batch.size(), e.getMessage());
            dropped(batch.size());
        } finally {
            batch.clear();
        }
    }

    /** Spans waiting to be stored. */
    public int queued() {
        return queue.size();
    }

    /** Stops recording, stores what is queued (waiting up to 5 s) and ends the background thread. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

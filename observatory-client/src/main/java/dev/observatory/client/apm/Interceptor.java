package dev.observatory.client.apm;

import dev.observatory.model.trace.ObservatoryAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records model calls and timed operations of one service: each becomes a {@link TraceContext} that is added to the
 * snapshot window and queued for export (never blocking the caller). Calls made inside {@link #trace} on the same
 * thread become its children (same trace id, parent span id). Thread-safe. Build with
 * {@link Observatory#instrument(String, ApmExporter)}.
 */
public final class Interceptor implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    private final String service;
    private final ApmSettings settings;
    private final Clock clock;
    private final Window window;
    private final ExportQueue queue;

    Interceptor(String service, ApmExporter exporter, ApmSettings settings, Clock clock) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("the service name must not be blank");
        }
        this.service = service;
        this.settings = settings;
        this.clock = clock;
        this.window = new Window(settings.window());
        this.queue = new ExportQueue(exporter, settings.queueCapacity(), service);
    }

    public String service() {
        return service;
    }

    /** Records one model call that just ended (its latency, if given, ends now) and returns its trace context. */
    public TraceContext interceptModelCall(ModelCall call) {
        Instant end = clock.instant();
        Instant start = call.latency() == null ? end : end.minus(call.latency());
        boolean estimated = call.promptTokens() == null || call.completionTokens() == null;
        long in = call.promptTokens() != null ? call.promptTokens() : estimateTokens(call.prompt());
        long out = call.completionTokens() != null ? call.completionTokens() : estimateTokens(call.response());
        Double cost = call.costUsd() != null ? call.costUsd() : price(call.model(), in, out);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_ai.operation.name", "chat");
        a.put("gen_ai.request.model", call.model());
        a.put("gen_ai.usage.input_tokens", in);
        a.put("gen_ai.usage.output_tokens", out);
        if (estimated) {
            a.put("observatory.tokens_estimated", true);
        }
        put(a, "gen_ai.tool.name", call.toolName());
        put(a, ObservatoryAttributes.COST_USD, call.costUsd());
        put(a, ObservatoryAttributes.RETRIES, call.retries() == null ? null : (long) call.retries());
        put(a, ObservatoryAttributes.FALLBACK_USED, call.fallbackUsed());
        put(a, ObservatoryAttributes.CONFIDENCE, call.confidence());
        put(a, ObservatoryAttributes.GATE_THRESHOLD, call.gateThreshold());
        put(a, ObservatoryAttributes.GATE_BLOCKED, call.gateThreshold() == null ? null : call.gateBlocked());
        put(a, ObservatoryAttributes.DETERMINISTIC_FALLBACK, call.deterministicFallback());
        put(a, ObservatoryAttributes.HIGH_RISK_PATH, call.highRiskPath());
        put(a, ObservatoryAttributes.PROMPT_DIFF_SCORE, call.promptDiffScore());
        put(a, ObservatoryAttributes.SHADOW_AGREEMENT, call.shadowAgreement());
        put(a, ObservatoryAttributes.GOLDEN_SCENARIO, call.goldenScenario());
        put(a, ObservatoryAttributes.GOLDEN_PASSED, call.goldenPassed());
        put(a, "error.type", call.error());
        TraceContext parent = CURRENT.get();
        TraceContext t = new TraceContext(parent == null ? id(16) : parent.traceId(), id(8),
                parent == null ? null : parent.spanId(), service, call.model(), call.toolName(), start, end, in, out,
                estimated, cost, call.retries() == null ? 0 : call.retries(), Boolean.TRUE.equals(call.fallbackUsed()),
                call.confidence(), call.error(), a);
        window.add(new Window.Sample(t.durationNanos(), cost, t.fallbackUsed(), t.retries() > 0, call.confidence(),
                call.gateThreshold() == null ? null : call.gateBlocked(), call.promptDiffScore(),
                call.shadowAgreement(), Boolean.TRUE.equals(call.deterministicFallback()),
                Boolean.TRUE.equals(call.highRiskPath()), call.goldenPassed(), call.error() != null, in, out));
        queue.offer(t);
        return t;
    }

    /**
     * Times {@code work} as an operation named {@code name} (e.g. {@code "tools/call search"}): its exception, if any,
     * is recorded as the error and rethrown. Model calls intercepted inside it on this thread become its children.
     */
    public <T> T trace(String name, Callable<T> work) throws Exception {
        return timed(name, Map.of("gen_ai.tool.name", name), work, r -> null);
    }

    /**
     * Times {@code work} under {@code name} with extra attributes; {@code errorOf} names a failure carried by the
     * result (e.g. an MCP isError result), null when it succeeded.
     */
    <T> T timed(String name, Map<String, Object> attributes, Callable<T> work,
            java.util.function.Function<T, String> errorOf) throws Exception {
        TraceContext parent = CURRENT.get();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        TraceContext open = new TraceContext(parent == null ? id(16) : parent.traceId(), id(8),
                parent == null ? null : parent.spanId(), service, null, name, start, start, 0, 0, false, null, 0, false,
                null, null, Map.of());
        CURRENT.set(open);
        String error = null;
        try {
            T result = work.call();
            error = errorOf.apply(result);
            return result;
        } catch (Exception | Error e) {
            error = e.getClass().getName();
            throw e;
        } finally {
            CURRENT.set(parent);
            Instant end = start.plus(Duration.ofNanos(System.nanoTime() - t0));
            Map<String, Object> a = new LinkedHashMap<>(attributes);
            if (error != null) {
                a.put("error.type", error);
            }
            TraceContext done = new TraceContext(open.traceId(), open.spanId(), open.parentSpanId(), service, null,
                    name, start, end, 0, 0, false, null, 0, false, null, error, a);
            window.add(new Window.Sample(done.durationNanos(), null, false, false, null, null, null, null, false, false,
                    null, error != null, 0, 0));
            queue.offer(done);
        }
    }

    /** Rates over the last {@link ApmSettings#window()} calls. */
    public MetricsSnapshot getMetricsSnapshot() {
        return Window.snapshot(service, window.samples(), settings.thresholds());
    }

    /** The snapshot's values over their thresholds. */
    public List<Alert> getActiveAlerts() {
        return Window.alerts(getMetricsSnapshot(), settings.thresholds());
    }

    /** Calls not exported because the queue was full. */
    public long dropped() {
        return queue.dropped.sum();
    }

    /** Calls whose export failed. */
    public long exportFailures() {
        return queue.failures.sum();
    }

    /** Calls exported. */
    public long exported() {
        return queue.exported.sum();
    }

    /** Exports what is queued and closes the exporter. */
    @Override
    public void close() {
        queue.close();
    }

    /** About four characters per token (English text, cl100k-like tokenizers); 0 for no text. */
    static long estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    private Double price(String model, long in, long out) {
        double[] p = settings.prices().get(model);
        return p == null ? null : (in * p[0] + out * p[1]) / 1_000_000.0;
    }

    private static void put(Map<String, Object> a, String key, Object value) {
        if (value != null) {
            a.put(key, value);
        }
    }

    static String id(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        do {
            r.nextBytes(b);
        } while (b[0] == 0 && java.util.Arrays.equals(b, new byte[bytes]));
        return HEX.formatHex(b);
    }
}

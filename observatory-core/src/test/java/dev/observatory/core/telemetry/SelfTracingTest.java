package dev.observatory.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SelfTracingTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Meters meters = new Meters();
    final List<Span> stored = new CopyOnWriteArrayList<>();

    @Test
    void toolCallsBecomeMcpSemconvSpansOfServiceObservatory() {
        try (SelfTracing t = new SelfTracing(stored::addAll, meters, clock, "1.2.3", 100)) {
            t.toolCall("list_runs", "ok", 2_000_000);
            t.toolCall("get_run", "not_found", 1_000);
        }

        assertThat(stored).hasSize(2);
        Span ok = stored.get(0);
        assertThat(ok.service()).isEqualTo("observatory");
        assertThat(ok.name()).isEqualTo("tools/call list_runs");
        assertThat(ok.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(ok.status()).isEqualTo(SpanStatus.UNSET);
        assertThat(ok.endNanos()).isEqualTo(NOW_NANOS);
        assertThat(ok.durationNanos()).isEqualTo(2_000_000);
        assertThat(ok.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(ok.spanId()).hasSize(16);
        assertThat(ok.attributes()).containsEntry("mcp.method.name", "tools/call")
                .containsEntry("gen_ai.tool.name", "list_runs").doesNotContainKey("error.type");
        assertThat(ok.resource()).containsEntry("service.name", "observatory").containsEntry("service.version",
                "1.2.3");
        Span failed = stored.get(1);
        assertThat(failed.status()).isEqualTo(SpanStatus.ERROR);
        assertThat(failed.attributes()).containsEntry("error.type", "not_found");
        assertThat(meters.counterValue(SelfTracing.RECORDED_METRIC)).isEqualTo(2);
    }

    @Test
    void httpRequestsBecomeHttpSemconvSpansButOtlpExportsDoNot() {
        try (SelfTracing t = new SelfTracing(stored::addAll, meters, clock, "dev", 100)) {
            t.httpRequest("GET", "/api/v1/runs/{id}", "/api/v1/runs/r1", 200, 5_000);
            t.httpRequest("POST", "/mcp", "/mcp", 503, 5_000);
            t.httpRequest("POST", "/v1/*", "/v1/traces", 200, 5_000);
        }

        assertThat(stored).extracting(Span::name).containsExactly("GET /api/v1/runs/{id}", "POST /mcp");
        assertThat(stored.get(0).attributes()).containsEntry("http.request.method", "GET")
                .containsEntry("url.path", "/api/v1/runs/r1").containsEntry("http.response.status_code", 200L);
        assertThat(stored.get(0).status()).isEqualTo(SpanStatus.UNSET);
        assertThat(stored.get(1).status()).isEqualTo(SpanStatus.ERROR);
        assertThat(stored.get(1).attributes()).containsEntry("error.type", "503");
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SelfTracing t = new SelfTracing(batch -> {
            storing.countDown();
            await(release);
            stored.addAll(batch);
        }, meters, clock, "dev", 1)) {
            t.toolCall("a", "ok", 1);
            assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
            t.toolCall("b", "ok", 1);
            t.toolCall("c", "ok", 1);
            t.toolCall("d", "ok", 1);

            assertThat(meters.counterValue(SelfTracing.DROPPED_METRIC)).isEqualTo(2);
            assertThat(t.queued()).isEqualTo(1);
            release.countDown();
        }
        assertThat(stored).extracting(Span::name).containsExactly("tools/call a", "tools/call b");
    }

    @Test
    void aFailingStoreIsCountedAsDroppedAndRecordingGoesOn() {
        try (SelfTracing t = new SelfTracing(batch -> {
            throw new IllegalStateException("store closed");
        }, meters, clock, "dev", 10)) {
            t.toolCall("a", "ok", 1);
        }
        assertThat(meters.counterValue(SelfTracing.DROPPED_METRIC)).isEqualTo(1);
    }

    @Test
    void metersCarryNoTracerUntilOneIsSet() {
        assertThat(meters.tracer()).isSameAs(SelfTracer.NONE);
        try (SelfTracing t = new SelfTracing(stored::addAll, meters, clock, "dev", 10)) {
            meters.tracer(t);
            meters.tracer().toolCall("x", "ok", 1);
        }
        assertThat(stored).hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.observatory.core.trace;

import static dev.observatory.core.trace.SpanFixtures.T0;
import static dev.observatory.core.trace.SpanFixtures.chat;
import static dev.observatory.core.trace.SpanFixtures.span;
import static dev.observatory.core.trace.SpanFixtures.spanId;
import static dev.observatory.core.trace.SpanFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracesIngestTest {
    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:05:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Traces traces = new Traces(new Tracking(store, clock, false, auditor));

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    @Test
    void storesValidSpansAndRejectsInvalidOnesOneByOne() {
        Span good = span(1, 1, null, "root", 0, 10, Map.of());
        Span badTrace = new Span("xyz", spanId(2), null, "s", "n", SpanKind.INTERNAL, T0, T0 + 1, SpanStatus.OK, null,
                null, null, null, null, null, null);
        Span zeroSpan = new Span(traceId(1), "0000000000000000", null, "s", "n", SpanKind.INTERNAL, T0, T0 + 1,
                SpanStatus.OK, null, null, null, null, null, null, null);
        Span backwards = span(1, 3, 1, "child", 10, -5, Map.of());

        IngestResult r = traces.ingest(List.of(good, badTrace, zeroSpan, backwards));

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(3);
        assertThat(r.errors()).hasSize(3);
        assertThat(r.message()).startsWith("3 spans rejected: ").contains("trace id 'xyz' is not 32 hex")
                .contains("all zeros").contains("end time is before start time");
        assertThat(store.traces().trace(traceId(1))).extracting(s -> s.span().spanId()).containsExactly(spanId(1));
    }

    @Test
    void aResentSpanIsStoredOnce() {
        Span s = span(7, 1, null, "root", 0, 10, Map.of());
        traces.ingest(List.of(s, s));
        IngestResult again = traces.ingest(List.of(s));

        assertThat(again.accepted()).isEqualTo(1);
        assertThat(store.traces().trace(traceId(7))).hasSize(1);
    }

    @Test
    void upperCaseIdsAreStoredLowerCaseAndAnAllZeroParentMeansRoot() {
        Span s = new Span("ABCDEF0123456789ABCDEF0123456789", "ABCDEF0123456789", "0000000000000000", "", "root",
                SpanKind.SERVER, T0, T0 + 5, SpanStatus.UNSET, null, null, null, null, null, null, null);
        traces.ingest(List.of(s));

        TracedSpan stored = store.traces().trace("abcdef0123456789abcdef0123456789").get(0);
        assertThat(stored.span().spanId()).isEqualTo("abcdef0123456789");
        assertThat(stored.span().parentSpanId()).isNull();
        assertThat(stored.span().service()).isEqualTo("unknown_service");
    }

    @Test
    void hugeValuesAreTruncatedWithAMarkerAndExtraAttributesDropped() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("big", "x".repeat(SpanLimits.MAX_VALUE_CHARS + 100));
        for (int i = 0; i < SpanLimits.MAX_ATTRIBUTES + 10; i++) {
            a.put("k" + i, (long) i);
        }
        IngestResult r = traces.ingest(List.of(span(2, 1, null, "root", 0, 1, a)));

        Map<String, Object> stored = store.traces().trace(traceId(2)).get(0).span().attributes();
        assertThat(stored).hasSize(SpanLimits.MAX_ATTRIBUTES);
        assertThat((String) stored.get("big")).endsWith("...[truncated 100 chars]")
                .hasSize(SpanLimits.MAX_VALUE_CHARS + "...[truncated 100 chars]".length());
        assertThat(r.truncatedValues()).isEqualTo(1);
        assertThat(r.droppedAttributes()).isEqualTo(11);
        assertThat(r.rejected()).isZero();
        assertThat(r.message()).contains("1 attribute values truncated");
    }

    @Test
    void readOnlyModeRefusesIngest() {
        Traces readOnly = new Traces(new Tracking(store, clock, true, auditor));
        assertThatThrownBy(() -> readOnly.ingest(List.of(span(1, 1, null, "r", 0, 1, Map.of()))))
                .isInstanceOf(ReadOnlyException.class);
    }

    @Test
    void derivesModelTokensAndCostFromGenAiAttributes() {
        traces.ingest(List.of(span(3, 1, null, "chat gpt-4o", 0, 800, chat("gpt-4o-2024-08-06", 1000, 500))));

        SpanFacts f = store.traces().trace(traceId(3)).get(0).facts();
        assertThat(f.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(f.provider()).isEqualTo("openai");
        assertThat(f.operation()).isEqualTo("chat");
        assertThat(f.inputTokens()).isEqualTo(1000);
        assertThat(f.tokensEstimated()).isFalse();
        // gpt-4o: 2.50 in, 10.00 out per million
        assertThat(f.costUsd()).isCloseTo(0.0025 + 0.005, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void estimatesTokensFromPromptTextWhenUsageIsAbsent() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_ai.operation.name", "chat");
        a.put("gen_ai.request.model", "gpt-4o-mini");
        a.put("gen_ai.prompt", "Hello MCP, how are you today?");
        a.put("gen_ai.completion", "Hello human");
        traces.ingest(List.of(span(4, 1, null, "chat", 0, 100, a)));

        SpanFacts f = store.traces().trace(traceId(4)).get(0).facts();
        assertThat(f.tokensEstimated()).isTrue();
        assertThat(f.inputTokens()).isBetween(5L, 12L);
        assertThat(f.outputTokens()).isBetween(2L, 4L);
        assertThat(f.costUsd()).isPositive();
        assertThat(f.costNote()).contains("estimated tokens");
    }

    @Test
    void anUnknownModelHasNoCostAndSaysWhy() {
        traces.ingest(List.of(span(5, 1, null, "chat", 0, 100, chat("acme-llm-7", 10, 10))));

        SpanFacts f = store.traces().trace(traceId(5)).get(0).facts();
        assertThat(f.costUsd()).isNull();
        assertThat(f.costNote()).contains("unknown model 'acme-llm-7'");
    }

    @Test
    void readsTheReliabilitySignals() {
        Map<String, Object> a = chat("gpt-4o", 1, 1);
        a.put("observatory.retries", 2L);
        a.put("observatory.fallback_used", true);
        a.put("observatory.confidence", 0.64);
        a.put("observatory.confidence_gate.threshold", 0.7);
        a.put("observatory.confidence_gate.blocked", "true");
        a.put("observatory.golden_scenario", true);
        a.put("observatory.golden_passed", false);
        traces.ingest(List.of(span(6, 1, null, "chat", 0, 100, a)));

        var r = store.traces().trace(traceId(6)).get(0).facts().reliability();
        assertThat(r.retries()).isEqualTo(2);
        assertThat(r.fallbackUsed()).isTrue();
        assertThat(r.confidence()).isEqualTo(0.64);
        assertThat(r.gateThreshold()).isEqualTo(0.7);
        assertThat(r.gateBlocked()).isTrue();
        assertThat(r.goldenPassed()).isFalse();
        assertThat(r.shadowAgreement()).isNull();
    }
}

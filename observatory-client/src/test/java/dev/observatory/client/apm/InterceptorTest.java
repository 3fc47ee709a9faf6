package dev.observatory.client.apm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InterceptorTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final List<TraceContext> exported = new CopyOnWriteArrayList<>();
    final ApmSettings settings = ApmSettings.defaults().withPrices(Map.of("gpt-4o", new double[] { 2.5, 10 }));

    private Interceptor apm() {
        return Observatory.instrument("support-bot", exported::addAll, settings, clock);
    }

    @Test
    void recordsAModelCallWithTheSeedsFieldsAndSignals() {
        TraceContext t;
        try (Interceptor apm = apm()) {
            t = apm.interceptModelCall(ModelCall.of("gpt-4o").prompt("Hello MCP").response("Hello human")
                    .usage(1_000_000, 100_000).latency(Duration.ofMillis(250)).confidence(0.64).gateThreshold(0.70)
                    .highRiskPath(true).deterministicFallback(true).promptDiffScore(0.42).shadowAgreement(false)
                    .golden(true).retries(2).fallbackUsed(true));
        }

        assertThat(t.service()).isEqualTo("support-bot");
        assertThat(t.traceId()).hasSize(32);
        assertThat(t.spanId()).hasSize(16);
        assertThat(t.parentSpanId()).isNull();
        assertThat(t.endTime()).isEqualTo(NOW);
        assertThat(t.durationNanos()).isEqualTo(250_000_000L);
        assertThat(t.promptTokens()).isEqualTo(1_000_000);
        assertThat(t.tokensEstimated()).isFalse();
        assertThat(t.costUsd()).isCloseTo(2.5 + 1.0, within(1e-9));
        assertThat(t.retries()).isEqualTo(2);
        assertThat(t.fallbackUsed()).isTrue();
        assertThat(t.attributes()).containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("observatory.confidence_gate.blocked", true)
                .containsEntry("observatory.shadow_agreement", false).containsEntry("observatory.golden_passed", true);
        assertThat(exported).containsExactly(t);
    }

    @Test
    void estimatesTokensFromTextAndLeavesTheCostOfAnUnknownModelNull() {
        try (Interceptor apm = apm()) {
            TraceContext t = apm.interceptModelCall(ModelCall.of("my-finetune").prompt("x".repeat(40)).response("ok"));

            assertThat(t.promptTokens()).isEqualTo(10);
            assertThat(t.completionTokens()).isEqualTo(1);
            assertThat(t.tokensEstimated()).isTrue();
            assertThat(t.costUsd()).isNull();
            assertThat(t.attributes()).containsEntry("observatory.tokens_estimated", true);
            assertThat(apm.getMetricsSnapshot().avgCostUsd()).isNull();
        }
    }

    @Test
    void snapshotRatesAndAlertsFollowTheCalls() {
        try (Interceptor apm = apm()) {
            apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1000, 0).fallbackUsed(true).confidence(0.3)
                    .gateThreshold(0.5).shadowAgreement(false).golden(false));
            apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1000, 0).confidence(0.9).gateThreshold(0.5)
                    .shadowAgreement(true).latency(Duration.ofMillis(20)));
            apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1000, 0).retries(1).error("RateLimitError"));
            apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1000, 0).promptDiffScore(0.9).highRiskPath(true));

            MetricsSnapshot s = apm.getMetricsSnapshot();
            assertThat(s.calls()).isEqualTo(4);
            assertThat(s.avgCostUsd()).isCloseTo(0.0025, within(1e-12));
            assertThat(s.fallbackRate()).isEqualTo(0.25);
            assertThat(s.retryRate()).isEqualTo(0.25);
            assertThat(s.lowConfidenceRate()).as("among the 2 calls with a confidence").isEqualTo(0.5);
            assertThat(s.confidenceGateBlockRate()).isEqualTo(0.5);
            assertThat(s.shadowDisagreementRate()).isEqualTo(0.5);
            assertThat(s.promptDiffViolationRate()).isEqualTo(1.0);
            assertThat(s.goldenFinancialFailureRate()).isEqualTo(1.0);
            assertThat(s.highRiskPathRate()).isEqualTo(0.25);
            assertThat(s.errorRate()).isEqualTo(0.25);
            assertThat(s.p99LatencyMs()).isEqualTo(20.0);
            assertThat(s.promptTokens()).isEqualTo(4000);
            assertThat(apm.getActiveAlerts()).extracting(Alert::name).containsExactlyInAnyOrder("fallback_rate",
                    "retry_rate", "low_confidence_rate", "confidence_gate_block_rate", "prompt_diff_violation_rate",
                    "shadow_disagreement_rate", "golden_financial_failure_rate", "error_rate");
        }
    }

    @Test
    void noCallsMeansZeroRatesAndNoAlerts() {
        try (Interceptor apm = apm()) {
            assertThat(apm.getMetricsSnapshot().calls()).isZero();
            assertThat(apm.getActiveAlerts()).isEmpty();
        }
    }

    @Test
    void traceTimesAnyCallMakesModelCallsItsChildrenAndRecordsFailures() throws Exception {
        TraceContext child;
        try (Interceptor apm = apm()) {
            child = apm.trace("tools/call answer", () -> apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1, 1)));
            assertThatThrownBy(() -> apm.trace("tools/call broken", () -> {
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
        }

        TraceContext parent = exported.stream().filter(t -> "tools/call answer".equals(t.toolName())).findFirst()
                .orElseThrow();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
        TraceContext broken = exported.stream().filter(t -> "tools/call broken".equals(t.toolName())).findFirst()
                .orElseThrow();
        assertThat(broken.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(broken.parentSpanId()).isNull();
    }

    @Test
    void aSlowExporterNeverBlocksTheCallerAndOverflowIsCounted() throws Exception {
        CountDownLatch exporting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApmExporter slow = batch -> {
            exporting.countDown();
            release.await(10, TimeUnit.SECONDS);
            exported.addAll(batch);
        };
        try (Interceptor apm = Observatory.instrument("svc", slow, settings.withQueueCapacity(1), clock)) {
            apm.interceptModelCall(ModelCall.of("a"));
            assertThat(exporting.await(10, TimeUnit.SECONDS)).isTrue();
            apm.interceptModelCall(ModelCall.of("b"));
            apm.interceptModelCall(ModelCall.of("c"));

            assertThat(apm.dropped()).isEqualTo(1);
            release.countDown();
        }
        assertThat(exported).extracting(TraceContext::model).containsExactly("a", "b");
    }

    @Test
    void exportFailuresAreCountedNotThrown() {
        Interceptor apm = Observatory.instrument("svc", batch -> {
            throw new java.io.IOException("down");
        }, settings, clock);
        apm.interceptModelCall(ModelCall.of("a"));
        apm.close();
        assertThat(apm.exportFailures()).isEqualTo(1);
    }

    @Test
    void badInputSaysWhatToFix() {
        assertThatThrownBy(() -> ModelCall.of(" ")).hasMessageContaining("needs the model name");
        assertThatThrownBy(() -> ModelCall.of("m").confidence(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Observatory.instrument("", exported::addAll)).hasMessageContaining("service name");
    }
}

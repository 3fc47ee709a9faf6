package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.client.apm.Interceptor;
import dev.observatory.client.apm.ModelCall;
import dev.observatory.client.apm.Observatory;
import dev.observatory.client.apm.OtlpJsonExporter;
import dev.observatory.client.apm.TraceContext;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The APM library's OTLP/JSON exporter (observatory-client) against the receiver and the real trace service. */
class ApmLibraryExportIT {

    @Test
    void modelCallsAndTimedToolCallsArriveAsGenAiSpans() throws Exception {
        TraceContext call;
        Interceptor apm;
        try (OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of("k1"), i -> i)) {
            apm = Observatory.instrument("example-mcp", new OtlpJsonExporter(server.endpoint(), "k1"));
            try (apm) {
                call = apm.trace("tools/call quote",
                        () -> apm.interceptModelCall(ModelCall.of("gpt-4o").usage(1200, 87)
                                .latency(Duration.ofMillis(40)).confidence(0.64).gateThreshold(0.7)
                                .shadowAgreement(false).golden(true).error("RateLimitError")));
            }

            assertThat(apm.exported()).isEqualTo(2);
            List<Span> spans = server.trace(call.traceId());
            assertThat(spans).hasSize(2);
            Span llm = spans.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
            Span tool = spans.stream().filter(Span::isRoot).findFirst().orElseThrow();
            assertThat(llm.name()).isEqualTo("chat gpt-4o");
            assertThat(llm.parentSpanId()).isEqualTo(tool.spanId());
            assertThat(llm.service()).isEqualTo("example-mcp");
            assertThat(llm.status()).isEqualTo(SpanStatus.ERROR);
            assertThat(llm.durationNanos()).isEqualTo(40_000_000L);
            assertThat(llm.attributes()).containsEntry("gen_ai.request.model", "gpt-4o")
                    .containsEntry("gen_ai.usage.input_tokens", 1200L).containsEntry("observatory.confidence", 0.64)
                    .containsEntry("observatory.confidence_gate.blocked", true)
                    .containsEntry("observatory.golden_passed", true);
            assertThat(tool.name()).isEqualTo("tools/call quote");
        }
    }
}

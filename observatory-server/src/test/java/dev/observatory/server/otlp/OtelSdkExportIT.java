package dev.observatory.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP exporter (protobuf, JDK HttpClient sender) sending GenAI spans to a
 * running server, which stores them through the trace service.
 */
class OtelSdkExportIT {
    static final String KEY = "otel-test-key";
    OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of(KEY), i -> i);
    SdkTracerProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        server.close();
    }

    private SdkTracerProvider provider(String compression) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(server.endpoint() + "/v1/traces")
                .addHeader("Authorization", "Bearer " + KEY).setCompression(compression).build();
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "chat-api"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(512).build()).build();
        return provider;
    }

    @Test
    void storesGenAiSpansExportedByTheOpenTelemetrySdk() {
        Tracer tracer = provider("gzip").get("dev.observatory.test", "1.2.3");
        io.opentelemetry.api.trace.Span root = tracer.spanBuilder("POST /chat")
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER).startSpan();
        String traceId = root.getSpanContext().getTraceId();
        try (Scope ignored = root.makeCurrent()) {
            io.opentelemetry.api.trace.Span llm = tracer.spanBuilder("chat gpt-4o-mini")
                    .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                    .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.system", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                    .setAttribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                    .setAttribute("gen_ai.usage.input_tokens", 1200L).setAttribute("gen_ai.usage.output_tokens", 87L)
                    .setAttribute("observatory.confidence", 0.82).setAttribute("observatory.retries", 1L)
                    .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
                    .startSpan();
            llm.addEvent("gen_ai.content.prompt", Attributes.of(AttributeKey.stringKey("gen_ai.prompt"), "hello"));
            llm.setStatus(StatusCode.ERROR, "rate limited");
            llm.end();
        } finally {
            root.end();
        }

        CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);

        assertThat(flushed.isSuccess()).isTrue();
        List<Span> stored = server.trace(traceId);
        assertThat(stored).extracting(Span::name).containsExactlyInAnyOrder("POST /chat", "chat gpt-4o-mini");
        Span llm = stored.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
        Span rootSpan = stored.stream().filter(Span::isRoot).findFirst().orElseThrow();
        assertThat(llm.parentSpanId()).isEqualTo(rootSpan.spanId());
        assertThat(llm.service()).isEqualTo("chat-api");
        assertThat(llm.scope()).isEqualTo("dev.observatory.test");
        assertThat(llm.scopeVersion()).isEqualTo("1.2.3");
        assertThat(llm.status()).isEqualTo(SpanStatus.ERROR);
        assertThat(llm.statusMessage()).isEqualTo("rate limited");
        assertThat(llm.attributes()).containsEntry("gen_ai.request.model", "gpt-4o-mini")
                .containsEntry("gen_ai.usage.input_tokens", 1200L).containsEntry("gen_ai.usage.output_tokens", 87L)
                .containsEntry("observatory.confidence", 0.82)
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"));
        assertThat(llm.events()).singleElement()
                .satisfies(e -> assertThat(e.name()).isEqualTo("gen_ai.content.prompt"));
        assertThat(llm.resource()).containsEntry("telemetry.sdk.language", "java");
        assertThat(llm.durationNanos()).isNotNegative();
    }

    @Test
    void storesFullBatchesOfFiveHundredTwelveSpansUncompressed() {
        Tracer tracer = provider("none").get("bulk");
        io.opentelemetry.api.trace.Span root = tracer.spanBuilder("batch-root").startSpan();
        String traceId = root.getSpanContext().getTraceId();
        try (Scope ignored = root.makeCurrent()) {
            for (int i = 0; i < 1499; i++) {
                tracer.spanBuilder("tools/call step_" + i).setAttribute("gen_ai.tool.name", "step_" + i).startSpan()
                        .end();
            }
        } finally {
            root.end();
        }

        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(server.trace(traceId)).hasSize(1500);
        assertThat(server.meters.counterValue(OtlpServlet.SPANS_METRIC, "outcome", "accepted")).isEqualTo(1500);
    }
}

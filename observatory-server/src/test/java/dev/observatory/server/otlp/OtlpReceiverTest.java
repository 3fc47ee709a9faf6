package dev.observatory.server.otlp;

import static dev.observatory.server.otlp.Requests.T0;
import static dev.observatory.server.otlp.Requests.attr;
import static dev.observatory.server.otlp.Requests.request;
import static dev.observatory.server.otlp.Requests.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP/HTTP receiver over real HTTP and the real trace service: encodings, answers and bad input. */
class OtlpReceiverTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    OtlpTestServer server = OtlpTestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void storesTheSpecificationsJsonExampleAndAnswersAnEmptyJsonResponse() {
        OtlpTestServer.Answer a = server.post("/v1/traces", JSON, OtlpDecodingTest.resource("trace.json"));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith(JSON);
        assertThat(a.text()).isEqualTo("{}");
        List<Span> stored = server.trace("5b8efff798038103d269b633813fc60c");
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.service()).isEqualTo("my.service");
            assertThat(s.status()).isEqualTo(SpanStatus.ERROR);
            assertThat(s.attributes()).containsEntry("gen_ai.usage.input_tokens", 1200L);
            assertThat(s.events()).hasSize(1);
            assertThat(s.links()).hasSize(1);
        });
    }

    @Test
    void acceptsGzippedJsonAndGzippedProtobuf() {
        byte[] json = OtlpDecodingTest.resource("trace.json");
        assertThat(server.post("/v1/traces", JSON, Requests.gzip(json), "Content-Encoding", "gzip").status())
                .isEqualTo(200);
        byte[] proto = request("svc", span(TRACE, "00f067aa0ba902b7", T0, T0 + 5, "call")).toByteArray();
        OtlpTestServer.Answer a = server.post("/v1/traces", PROTOBUF, Requests.gzip(proto), "Content-Encoding", "gzip");

        assertThat(a.status()).isEqualTo(200);
        assertThat(server.trace("5b8efff798038103d269b633813fc60c")).hasSize(1);
        assertThat(server.trace(TRACE)).extracting(Span::service).containsExactly("svc");
    }

    @Test
    void rejectsInvalidSpansOneByOneWithAPartialSuccessInProtobuf() throws Exception {
        ExportTraceServiceRequest req = request("svc", span(TRACE, "00f067aa0ba902b7", T0, T0 + 5, "good"),
                span("0".repeat(32), "00f067aa0ba902b8", T0, T0 + 5, "zero trace id"),
                span(TRACE, "00f067aa0ba9", T0, T0 + 5, "short span id"),
                span(TRACE, "00f067aa0ba902b9", T0 + 5, T0, "ends before it starts"));

        OtlpTestServer.Answer a = server.post("/v1/traces", PROTOBUF, req.toByteArray());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith(PROTOBUF);
        ExportTraceServiceResponse r = ExportTraceServiceResponse.parseFrom(a.body());
        assertThat(r.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
        assertThat(r.getPartialSuccess().getErrorMessage()).contains("3 spans rejected");
        assertThat(server.trace(TRACE)).extracting(Span::name).containsExactly("good");
    }

    @Test
    void rejectsWrongLengthHexIdsInJsonAsAPartialSuccess() {
        String body = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[
                {"traceId":"%s","spanId":"abcd","name":"short","startTimeUnixNano":"1","endTimeUnixNano":"2"},
                {"traceId":"%s","spanId":"00f067aa0ba902b7","name":"ok","startTimeUnixNano":"1","endTimeUnixNano":"2"}
                ]}]}]}""".formatted(TRACE, TRACE);

        OtlpTestServer.Answer a = server.post("/v1/traces", JSON, body.getBytes(StandardCharsets.UTF_8));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).startsWith("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":");
        assertThat(server.trace(TRACE)).extracting(Span::name).containsExactly("ok");
    }

    @Test
    void truncatesHugeAttributeValuesWithAMarkerAndSaysSo() throws Exception {
        String huge = "x".repeat(100_000);
        ExportTraceServiceRequest req = request("svc", span(TRACE, "00f067aa0ba902b7", T0, T0 + 5, "big").toBuilder()
                .addAttributes(attr("gen_ai.prompt", huge)).build());

        OtlpTestServer.Answer a = server.post("/v1/traces", PROTOBUF, req.toByteArray());

        assertThat(a.status()).isEqualTo(200);
        ExportTraceServiceResponse r = ExportTraceServiceResponse.parseFrom(a.body());
        assertThat(r.getPartialSuccess().getRejectedSpans()).isZero();
        assertThat(r.getPartialSuccess().getErrorMessage()).contains("truncated");
        String kept = (String) server.trace(TRACE).getFirst().attributes().get("gen_ai.prompt");
        assertThat(kept.length()).isLessThan(huge.length());
        assertThat(kept).contains("truncated");
    }

    @Test
    void truncatedProtobufIs400WithAStatusAndNothingStored() {
        byte[] full = request("svc", span(TRACE, "00f067aa0ba902b7", T0, T0 + 5, "call")).toByteArray();

        OtlpTestServer.Answer a = server.post("/v1/traces", PROTOBUF, Arrays.copyOf(full, full.length - 7));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith(PROTOBUF);
        Requests.RpcStatus status = Requests.RpcStatus.parse(a.body());
        assertThat(status.code()).isEqualTo(Encoding.INVALID_ARGUMENT);
        assertThat(status.message()).contains("not a valid protobuf ExportTraceServiceRequest");
        assertThat(server.trace(TRACE)).isEmpty();
    }

    @Test
    void badJsonAndBrokenGzipAre400InJson() {
        OtlpTestServer.Answer bad = server.post("/v1/traces", JSON, "{\"resourceSpans\":[".getBytes());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).startsWith("{\"code\":3,\"message\":\"the body is not valid JSON");

        OtlpTestServer.Answer gz = server.post("/v1/traces", JSON, "not gzip".getBytes(), "Content-Encoding", "gzip");
        assertThat(gz.status()).isEqualTo(400);
        assertThat(gz.text()).contains("not valid gzip");
    }

    @Test
    void anotherContentTypeOrContentEncodingIs415() {
        OtlpTestServer.Answer a = server.post("/v1/traces", "text/plain", "hello".getBytes());
        assertThat(a.status()).isEqualTo(415);
        assertThat(a.text()).contains("application/x-protobuf or application/json");

        OtlpTestServer.Answer br = server.post("/v1/traces", JSON, "{}".getBytes(), "Content-Encoding", "br");
        assertThat(br.status()).isEqualTo(415);
        assertThat(br.text()).contains("Content-Encoding 'br' is not supported");
    }

    @Test
    void metricsAndLogsAre404SayingNothingWasKept() {
        for (String signal : List.of("metrics", "logs")) {
            OtlpTestServer.Answer a = server.post("/v1/" + signal, PROTOBUF, new byte[0]);
            assertThat(a.status()).isEqualTo(404);
            Requests.RpcStatus s = Requests.RpcStatus.parse(a.body());
            assertThat(s.code()).isEqualTo(Encoding.UNIMPLEMENTED);
            assertThat(s.message()).contains("does not store OTLP " + signal);
        }
        assertThat(server.post("/v1/spans", JSON, "{}".getBytes()).status()).isEqualTo(404);
        OtlpTestServer.Answer get = server.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(server.endpoint() + "/v1/traces")).GET().build());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void anEmptyRequestIsASuccess() {
        assertThat(server.post("/v1/traces", PROTOBUF, new byte[0]).status()).isEqualTo(200);
        assertThat(server.post("/v1/traces", JSON, "{}".getBytes()).text()).isEqualTo("{}");
    }
}

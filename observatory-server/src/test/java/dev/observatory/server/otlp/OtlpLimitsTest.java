package dev.observatory.server.otlp;

import static dev.observatory.server.otlp.Requests.T0;
import static dev.observatory.server.otlp.Requests.request;
import static dev.observatory.server.otlp.Requests.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.ApiKey;
import dev.observatory.server.http.ApiKeyAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Body limits, overload (429 with Retry-After, nothing written) and API keys on the OTLP receiver. */
class OtlpLimitsTest {
    static final String PROTOBUF = "application/x-protobuf";
    static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACE_B = "5bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void bodiesOverTheLimitAre413CompressedOrNot() {
        try (OtlpTestServer server = new OtlpTestServer(new OtlpSettings(1024, 4, Duration.ZERO), List.of(), i -> i)) {
            OtlpTestServer.Answer big = server.post("/v1/traces", PROTOBUF, new byte[2048]);
            assertThat(big.status()).isEqualTo(413);
            assertThat(Requests.RpcStatus.parse(big.body()).message()).contains("otlp_max_body_bytes");

            OtlpTestServer.Answer bomb = server.post("/v1/traces", PROTOBUF, Requests.gzip(new byte[100_000]),
                    "Content-Encoding", "gzip");
            assertThat(bomb.status()).isEqualTo(413);
            assertThat(Requests.RpcStatus.parse(bomb.body()).message()).contains("decompressed exceeds");
        }
    }

    @Test
    void aFloodBeyondCapacityIs429WithRetryAfterAndNothingHalfWritten() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OtlpSettings oneSlot = new OtlpSettings(OtlpSettings.DEFAULT_MAX_BODY_BYTES, 1, Duration.ZERO);
        try (OtlpTestServer server = new OtlpTestServer(oneSlot, List.of(), ingest -> spans -> {
            entered.countDown();
            await(release);
            return ingest.ingest(spans);
        })) {
            CompletableFuture<OtlpTestServer.Answer> first = CompletableFuture
                    .supplyAsync(() -> server.post("/v1/traces", PROTOBUF,
                            request("svc", span(TRACE_A, "00f067aa0ba902b7", T0, T0 + 1, "a")).toByteArray()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            OtlpTestServer.Answer flooded = server.post("/v1/traces", PROTOBUF,
                    request("svc", span(TRACE_B, "00f067aa0ba902b8", T0, T0 + 1, "b")).toByteArray());

            assertThat(flooded.status()).isEqualTo(429);
            assertThat(flooded.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(flooded.headers().firstValue("Connection")).hasValue("close");
            assertThat(Requests.RpcStatus.parse(flooded.body()).code()).isEqualTo(Encoding.RESOURCE_EXHAUSTED);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(server.trace(TRACE_A)).hasSize(1);
            assertThat(server.trace(TRACE_B)).isEmpty();
            assertThat(server.meters.counterValue(OtlpServlet.REFUSED_METRIC, "reason", "overloaded")).isEqualTo(1);
        }
    }

    @Test
    void exportersAuthenticateWithBearerOrXApiKeyAndNeedTheWriteScope() {
        try (OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of("s3cret"), i -> i)) {
            String reader = ApiKeyAuth.createKey(server.store.keys(), "dashboards", EnumSet.of(ApiKey.Scope.READ),
                    Instant.now());
            String writer = ApiKeyAuth.createKey(server.store.keys(), "collector", EnumSet.of(ApiKey.Scope.WRITE),
                    Instant.now());
            byte[] body = request("svc", span(TRACE_A, "00f067aa0ba902b7", T0, T0 + 1, "a")).toByteArray();

            OtlpTestServer.Answer anonymous = server.post("/v1/traces", PROTOBUF, body);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Connection"))
                    .as("answered before the body was read: the" + " connection is not reused").hasValue("close");
            assertThat(server.post("/v1/traces", PROTOBUF, body, "Authorization", "Bearer wrong").status())
                    .isEqualTo(401);
            OtlpTestServer.Answer readOnly = server.post("/v1/traces", PROTOBUF, body, "X-API-Key", reader);
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(Requests.RpcStatus.parse(readOnly.body()).message()).contains("write scope");
            assertThat(server.trace(TRACE_A)).isEmpty();

            OtlpTestServer.Answer stored = server.post("/v1/traces", PROTOBUF, body, "X-API-Key", writer);
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.headers().firstValue("Connection")).as("body read: the connection stays open").isEmpty();
            assertThat(server.post("/v1/traces", PROTOBUF, body, "Authorization", "Bearer s3cret").status())
                    .isEqualTo(200);
            assertThat(server.trace(TRACE_A)).as("a re-sent span is stored once").hasSize(1);
        }
    }

    @Test
    void aReadOnlyServerRefusesExportsWith403() {
        try (OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of(), i -> i, true)) {
            OtlpTestServer.Answer a = server.post("/v1/traces", PROTOBUF,
                    request("svc", span(TRACE_A, "00f067aa0ba902b7", T0, T0 + 1, "a")).toByteArray());

            assertThat(a.status()).isEqualTo(403);
            assertThat(Requests.RpcStatus.parse(a.body()).code()).isEqualTo(Encoding.PERMISSION_DENIED);
            assertThat(server.trace(TRACE_A)).isEmpty();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.observatory.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** run_benchmark against the committed tiny model server, started as a real process once for the class. */
class BenchmarksTest {
    static final Actor ADA = new Actor("ada", "mcp");
    static TinyModelServer server;

    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);

    @BeforeAll
    static void startServer() throws Exception {
        server = TinyModelServer.start("--model", "tiny", "--error-every", "10");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    @Test
    void measuresCountsErrorRateLatencyAndTokensPerSecondAgainstTheTinyModelServerAndStoresTheResult()
            throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        BenchmarkRequest req = new BenchmarkRequest(server.url(), null, null, null,
                List.of("hello world", "the quick brown fox", "a"), 5, List.of(1, 4), java.time.Duration.ofMinutes(2),
                200L, null, "tiny", "2", null);
        Benchmark b = new Benchmarks(tracking).run(ADA, req, (done, total, msg) -> progress.add(done + "/" + total));

        assertThat(b.status()).isEqualTo(Benchmark.COMPLETED);
        assertThat(b.endpoint()).isEqualTo(server.url() + "/v1/completions");
        assertThat(b.levels()).extracting(BenchmarkLevel::concurrency).containsExactly(1, 4);
        for (BenchmarkLevel l : b.levels()) {
            assertThat(l.requests()).isEqualTo(200);
            assertThat(l.errors()).isEqualTo(20);
            assertThat(l.errorRate()).isEqualTo(0.1);
            assertThat(l.completionTokens()).isEqualTo(180 * 5);
            assertThat(l.tokensPerSecond()).isCloseTo(900 / l.durationSeconds(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(l.throughputRps()).isCloseTo(200 / l.durationSeconds(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(l.p50Ms()).isPositive().isLessThanOrEqualTo(l.p95Ms());
            assertThat(l.p95Ms()).isLessThanOrEqualTo(l.p99Ms());
            assertThat(l.p99Ms()).isLessThanOrEqualTo(l.maxMs());
            assertThat(l.firstError()).startsWith("HTTP 500").contains("injected failure");
        }
        assertThat(progress).last().isEqualTo("400.0/400.0");
        Benchmarks benchmarks = new Benchmarks(tracking);
        assertThat(benchmarks.get(b.id())).isEqualTo(b);
        assertThat(benchmarks.list("tiny", "2", 10, 0)).extracting(Benchmark::id).containsExactly(b.id());
        assertThat(b.settings()).containsEntry("payloads", "3").containsEntry("requests_per_level", "200");
        auditor.flush();
        assertThat(store.audit().list(Long.MAX_VALUE, 10))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("benchmark.run"));
    }

    @Test
    void anEndpointThatRefusesConnectionsIsStoredAsFailedWithTheError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Benchmark b = new Benchmarks(tracking).run(ADA,
                BenchmarkRequest.of("http://127.0.0.1:" + closedPort + "/v1/completions?api_key=s3cret", "tiny", "1",
                        List.of("x"), List.of(2), 10),
                BenchmarkProgress.NONE);
        assertThat(b.endpoint()).isEqualTo("http://127.0.0.1:" + closedPort + "/v1/completions");
        assertThat(b.status()).isEqualTo(Benchmark.FAILED);
        assertThat(b.error()).contains("ConnectException");
        assertThat(b.levels().get(0).errors()).isEqualTo(b.levels().get(0).requests()).isEqualTo(10);
        assertThat(b.levels().get(0).completionTokens()).isNull();
    }

    @Test
    void refusesNonHttpSchemesLinkLocalMetadataAndHostsThatAreNotAllowed() {
        Benchmarks b = new Benchmarks(tracking);
        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/", "http://169.254.169.254/latest",
                "http://[fe80::1]:8000/", "http://metadata.google.internal/", "http://0.0.0.0:8000/",
                "http://10.1.2.3:8000/", "gopher://127.0.0.1/")) {
            assertThatThrownBy(() -> b.run(ADA, BenchmarkRequest.of(url, "m", "1", List.of("x"), List.of(1), 1),
                    BenchmarkProgress.NONE)).as(url).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("endpoint");
        }
        EndpointGuard open = new EndpointGuard(java.util.Set.of("10.1.2.3"));
        assertThat(open.check("http://10.1.2.3:8000").port()).isEqualTo(8000);
        assertThatThrownBy(() -> new EndpointGuard(java.util.Set.of("*")).check("http://169.254.169.254/"))
                .hasMessageContaining("link-local");
        assertThat(new EndpointGuard(java.util.Set.of()).check("https://localhost/v1?x=1").path()).isEqualTo("/v1?x=1");
    }

    @Test
    void badArgumentsReadOnlyModeAndUnknownIdsAreRefused() {
        Benchmarks b = new Benchmarks(tracking);
        assertThatThrownBy(() -> b.run(ADA, BenchmarkRequest.of(server.url(), "m", "1", List.of("x"), List.of(0), 1),
                BenchmarkProgress.NONE)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> b.run(ADA,
                new BenchmarkRequest(null, null, null, null, null, 0, null, null, null, null, "m", "1", "dep-1"),
                BenchmarkProgress.NONE)).hasMessageContaining("deployment");
        Benchmarks ro = new Benchmarks(new Tracking(store, clock, true, auditor));
        assertThatThrownBy(() -> ro.run(ADA, BenchmarkRequest.of(server.url(), "m", "1", List.of("x"), List.of(1), 1),
                BenchmarkProgress.NONE)).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> b.get("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void readsOpenAiAndTgiTokenCountsFromTheAnswerBytes() {
        assertThat(UsageParser
                .completionTokens("{\"usage\": {\"prompt_tokens\": 3, \"completion_tokens\" : 42}}".getBytes()))
                        .isEqualTo(42);
        assertThat(UsageParser.completionTokens("{\"details\":{\"generated_tokens\":7}}".getBytes())).isEqualTo(7);
        assertThat(UsageParser.completionTokens("{\"text\":\"no usage\"}".getBytes())).isEqualTo(-1);
        assertThat(UsageParser.completionTokens("{\"completion_tokens\":null}".getBytes())).isEqualTo(-1);
    }
}

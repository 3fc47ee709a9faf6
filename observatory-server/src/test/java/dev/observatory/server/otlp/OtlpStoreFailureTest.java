package dev.observatory.server.otlp;

import static dev.observatory.server.otlp.Requests.T0;
import static dev.observatory.server.otlp.Requests.request;
import static dev.observatory.server.otlp.Requests.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.trace.Traces;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means committed, through the whole OTLP path on a real DuckDB file: an export the store commits is
 * answered 200 and survives a restart; one the store cannot commit is answered 503 with Retry-After (never 200) and
 * nothing of it is stored.
 */
class OtlpStoreFailureTest {
    static final String PROTOBUF = "application/x-protobuf";
    static final String STORED = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String REFUSED = "5bf92f3577b34da6a3ce929d0e0e4737";

    @TempDir
    Path dir;

    @Test
    void anExportTheStoreCannotCommitIsAnErrorAndLeavesNothingBehind() {
        Path file = dir.resolve("observatory.duckdb");
        DuckDbStorage duck = DuckDbStorage.open(file);
        Auditor auditor = new Auditor(duck.audit(), Clock.systemUTC());
        Traces traces = new Traces(new Tracking(duck, Clock.systemUTC(), false, auditor), OtlpTestServer.KEEP_FOREVER);
        try (OtlpTestServer server = new OtlpTestServer(OtlpSettings.defaults(), List.of(),
                memory -> OtlpReceiver.ingestInto(traces))) {
            byte[] first = request("svc", span(STORED, "00f067aa0ba902b7", T0, T0 + 5, "stored")).toByteArray();
            assertThat(server.post("/v1/traces", PROTOBUF, first).status()).isEqualTo(200);

            auditor.close();
            duck.close(); // from now on every write fails
            byte[] second = request("svc", span(REFUSED, "00f067aa0ba902b8", T0, T0 + 5, "refused")).toByteArray();
            OtlpTestServer.Answer refused = server.post("/v1/traces", PROTOBUF, second);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        try (DuckDbStorage reopened = DuckDbStorage.open(file)) {
            assertThat(reopened.traces().trace(STORED)).hasSize(1);
            assertThat(reopened.traces().trace(REFUSED)).isEmpty();
        }
    }
}

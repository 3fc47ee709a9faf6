package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.JacksonIOException;

class ErrorMappingTest {

    static final class FailingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            throw new StoreException("jdbc:duckdb:/secret/path.db is corrupt", new IllegalStateException("deep"));
        }
    }

    @Test
    void mapsEachExceptionKindToItsStatusAndCode() {
        assertThat(ApiErrors.map(new IllegalArgumentException("x")))
                .isEqualTo(new ApiErrors.ApiError(400, "INVALID_ARGUMENT", "x"));
        assertThat(ApiErrors.map(new InvalidCursorException("expired")).code()).isEqualTo("INVALID_CURSOR");
        assertThat(ApiErrors.map(new NotFoundException("no run")).status()).isEqualTo(404);
        assertThat(ApiErrors.map(new ConflictException("dup")).status()).isEqualTo(409);
        assertThat(ApiErrors.map(new ReadOnlyException("run.create")).code()).isEqualTo("READ_ONLY");
        assertThat(ApiErrors.map(JacksonIOException.construct(new PayloadTooLargeException(10))).status())
                .isEqualTo(413);
        assertThat(ApiErrors.map(new StoreException("disk full", null))).isNull();
        assertThat(ApiErrors.map(new NullPointerException())).isNull();
    }

    @Test
    void internalErrorsShowOnlyARequestId() {
        try (TestServer s = new TestServer(false, HttpSettings.defaults(), List.of(),
                b -> b.addServlet("/boom", new FailingServlet(), false))) {
            TestServer.Response r = s.get("/boom");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.errorCode()).isEqualTo("INTERNAL");
            String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(r.json().get("error").get("request_id").asString()).isEqualTo(requestId);
            assertThat(r.errorMessage()).contains(requestId);
            assertThat(r.body()).doesNotContain("secret", "deep", "Exception", "at dev.");
            assertThat(s.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatStopsArrivingTimesOutWith408() throws Exception {
        HttpSettings settings = new HttpSettings(1024, Duration.ofSeconds(1), false, List.of(), List.of());
        try (TestServer s = new TestServer(false, settings, List.of(), b -> {
        })) {
            String response = s.raw("POST /api/v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                    + "Connection: close\r\n\r\n{\"name\":");
            assertThat(response).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"");
            assertThat(s.tracking.listProjects()).isEmpty();
        }
    }
}

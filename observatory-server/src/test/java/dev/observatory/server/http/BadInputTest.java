package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9's "Bad input" list, as far as it applies to REST: each answers a JSON error and changes nothing. */
class BadInputTest {
    private final TestServer s = new TestServer(false, HttpSettings.defaults().withMaxBodyBytes(64 * 1024), List.of(),
            b -> {
            });

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String id = s.createRun("p", "r");
        TestServer.Response bad = s.patch("/api/v1/runs/" + id, "{\"name\":\n \"x\",, }");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("MALFORMED_JSON");
        assertThat(bad.errorMessage()).contains("line 2, column");
        TestServer.Response metrics = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[1,");
        assertThat(metrics.status()).isEqualTo(400);
        assertThat(metrics.errorCode()).isEqualTo("MALFORMED_JSON");
        assertThat(metrics.errorMessage()).contains("metrics.loss.steps");
        assertThat(metrics.body()).doesNotContain("at tools.jackson", "Exception");
    }

    @Test
    void wrongTypesNameTheField() {
        TestServer.Response r = s.post("/api/v1/runs", "{\"project\":\"p\",\"tags\":\"not-a-list\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.errorMessage()).contains("'tags'", "array");
        TestServer.Response params = s.post("/api/v1/runs", "{\"project\":\"p\",\"params\":[1,2]}");
        assertThat(params.errorMessage()).contains("'params'", "an object");
        TestServer.Response unknown = s.post("/api/v1/runs", "{\"project\":\"p\",\"stauts\":\"running\"}");
        assertThat(unknown.errorMessage()).contains("unknown field 'stauts'");
        TestServer.Response notObject = s.post("/api/v1/projects", "[1]");
        assertThat(notObject.errorMessage()).contains("must be a JSON object");
        assertThat(s.get("/api/v1/runs?project=p").status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void aStringWhereANumberBelongsNamesTheField() {
        String id = s.createRun("p", "r");
        TestServer.Response r = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[1,2,\"3\"],\"values\":[1,2,3]}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("metrics.loss.steps[2]", "integer", "\"3\"");
        TestServer.Response v = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"points\":[{\"key\":\"loss\",\"step\":1,\"value\":\"high\"}]}");
        assertThat(v.errorMessage()).contains("points[0].value", "number");
        TestServer.Response limit = s.get("/api/v1/runs?limit=ten");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.errorMessage()).contains("limit");
        assertThat(s.get("/api/v1/runs/" + id + "/metrics").json().get("metrics")).isEmpty();
    }

    @Test
    void mismatchedColumnLengthsNameTheKey() {
        String id = s.createRun("p", "r");
        TestServer.Response r = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"ok\":{\"steps\":[1],\"values\":[1]},\"acc\":{\"steps\":[1,2,3],\"values\":[0.1,0.2]}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("'acc'", "steps has 3", "values has 2");
        TestServer.Response ts = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"acc\":{\"steps\":[1,2],\"values\":[0.1,0.2],\"timestamps\":[1]}}}");
        assertThat(ts.errorMessage()).contains("timestamps has 1");
        assertThat(s.get("/api/v1/runs/" + id + "/metrics").json().get("metrics")).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
        String id = s.createRun("p", "r");
        String big = "{\"metrics\":{\"loss\":{\"steps\":[" + "1,".repeat(40_000) + "1],\"values\":[1]}}}";
        // Expect: 100-continue, as clients of large bodies send it: the server's 413 comes before any body byte, so
        // a connection reset over the unread body cannot swallow it (it did at load 8 without it)
        TestServer.Response declared = s
                .send(java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/runs/" + id + "/metrics"))
                        .expectContinue(true).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");

        byte[] bytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestServer.Response streamed = s.send(HttpRequest.newBuilder(s.uri("/api/v1/runs/" + id + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(s.get("/health").status()).isEqualTo(200);
    }

    @Test
    void moreThanAHundredThousandPointsIsRefused() {
        TestServer big = new TestServer(false, HttpSettings.defaults(), List.of(), b -> {
        });
        try (big) {
            String id = big.createRun("p", "r");
            String body = "{\"metrics\":{\"loss\":{\"steps\":[" + "1,".repeat(100_000) + "1],\"values\":[]}}}";
            TestServer.Response r = big.post("/api/v1/runs/" + id + "/metrics", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorMessage()).contains("at most 100000 points");
        }
    }

    @Test
    void unknownRunsAndProjectsAre404() {
        TestServer.Response run = s.get("/api/v1/runs/0123456789abcdef");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(s.post("/api/v1/runs/0123456789abcdef/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[1],\"values\":[1]}}}").status()).isEqualTo(404);
        assertThat(s.post("/api/v1/runs/0123456789abcdef/logs", "{\"lines\":[{\"text\":\"x\"}]}").status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/projects/nope").status()).isEqualTo(404);
        assertThat(s.get("/api/v1/runs?project=nope").status()).isEqualTo(404);
    }

    @Test
    void duplicateNamesAre409() {
        s.createRun("p", "same");
        TestServer.Response dup = s.post("/api/v1/runs", "{\"project\":\"p\",\"name\":\"same\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.errorCode()).isEqualTo("CONFLICT");
        assertThat(s.post("/api/v1/projects", "{\"name\":\"p\"}").status()).isEqualTo(409);
    }

    @Test
    void aMetricKeyWithControlCharactersIs400() {
        String id = s.createRun("p", "r");
        TestServer.Response r = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"lo\\u0007ss\":{\"steps\":[1],\"values\":[1]}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("control character");
        assertThat(s.get("/api/v1/runs/" + id + "/metrics").json().get("metrics")).isEmpty();
    }

    @Test
    void stepsGoingBackwardsAreAcceptedAndReturnedAsSent() {
        String id = s.createRun("p", "r");
        TestServer.Response r = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[10,20,5],\"values\":[1.0,2.0,3.0]}}}");
        assertThat(r.status()).isEqualTo(200);
        var points = s.get("/api/v1/runs/" + id + "/metrics/loss?raw=true").json().get("points");
        assertThat(points.get("steps").toString()).isEqualTo("[5,10,20]");
        assertThat(points.get("values").toString()).isEqualTo("[3.0,1.0,2.0]");
    }

    @Test
    void garbageAndExpiredCursorsAre400() {
        for (int i = 0; i < 3; i++) {
            s.createRun("p", "r" + i);
        }
        TestServer.Response garbage = s.get("/api/v1/runs?cursor=not-a-cursor");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorCode()).isEqualTo("INVALID_CURSOR");
        String cursor = s.get("/api/v1/runs?limit=1").json().get("next_cursor").asString();
        assertThat(s.get("/api/v1/runs?limit=1&cursor=" + cursor).status()).isEqualTo(200);
        assertThat(s.get("/api/v1/runs?limit=1&project=p&cursor=" + cursor).errorCode()).isEqualTo("INVALID_CURSOR");
        s.clock.advance(Duration.ofHours(25));
        TestServer.Response expired = s.get("/api/v1/runs?limit=1&cursor=" + cursor);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.errorMessage()).contains("expired");
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        TestServer.Response r = s.get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
        TestServer.Response method = s.send(HttpRequest.newBuilder(s.uri("/api/v1/projects")).DELETE());
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, POST");
        TestServer.Response param = s.get("/api/v1/runs?stauts=running");
        assertThat(param.errorMessage()).contains("unknown query parameter 'stauts'");
    }

    @Test
    void jettysOwnErrorsAreJsonToo() throws Exception {
        String badUri = s.raw("GET /api/v1/runs/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("application/json").contains("\"error\"")
                .doesNotContain("<html");
        String badRequest = s.raw("GARBAGE\r\n\r\n");
        assertThat(badRequest).startsWith("HTTP/1.1 400").contains("{\"error\":{\"code\":\"BAD_REQUEST\"");
    }
}

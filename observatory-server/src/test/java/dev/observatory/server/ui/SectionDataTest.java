package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trace and SLO data of the UI over real HTTP (DuckDB), and the section pages' 404s (one server, reads only). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SectionDataTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    UiServer ui;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws java.io.IOException {
        Path dir = Files.createTempDirectory("obs-section-data");
        ui = new UiServer(dir, List.of());
        long base = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L;
        List<Span> spans = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            String trace = String.format("%032x", t);
            spans.add(new Span(trace, String.format("%016x", t), null, "api", "GET /t" + t, SpanKind.SERVER,
                    base + t * 1_000_000_000L, base + t * 1_000_000_000L + t * 10_000_000L,
                    t == 3 ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of(), Map.of(), null, null, null, null));
        }
        ui.store.traces().append(spans);
    }

    @AfterAll
    void stop() {
        ui.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(ui.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }

    @Test
    void tracesComeNewestFirstInPagesLinkedByCursor() throws Exception {
        JsonNode first = json("/ui/data/traces?limit=2", 200);
        assertThat(values(first.get("traces"), "root_name")).containsExactly("GET /t5", "GET /t4");
        JsonNode second = json("/ui/data/traces?limit=2&cursor=" + java.net.URLEncoder
                .encode(first.get("next_cursor").asString(), java.nio.charset.StandardCharsets.UTF_8), 200);
        assertThat(values(second.get("traces"), "root_name")).containsExactly("GET /t3", "GET /t2");
        assertThat(values(json("/ui/data/traces?errors=true", 200).get("traces"), "trace_id"))
                .containsExactly(String.format("%032x", 3));
        assertThat(
                json("/ui/data/traces?order=slowest&limit=1", 200).get("traces").get(0).get("duration_ms").asDouble())
                        .isEqualTo(50.0);
        JsonNode trace = json("/ui/data/traces/" + String.format("%032x", 4), 200);
        assertThat(trace.get("spans").get(0).get("duration_ms").asDouble()).isEqualTo(40.0);
        assertThat(trace.get("summary").get("service").asString()).isEqualTo("api");
    }

    @Test
    void badQueriesAreJsonErrorsThatSayWhatToFix() throws Exception {
        assertThat(json("/ui/data/traces?limit=0", 400).path("error").path("message").asString())
                .contains("limit must be a whole number from 1 to 200");
        assertThat(json("/ui/data/traces?order=fast", 400).path("error").path("message").asString())
                .contains("recent or slowest");
        assertThat(json("/ui/data/traces?errors=maybe", 400).path("error").path("code").asString())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(json("/ui/data/traces?colour=red", 400).path("error").path("message").asString())
                .contains("unknown query parameter 'colour'");
        assertThat(json("/ui/data/traces/not-a-trace", 400).path("error").path("message").asString())
                .contains("32 hex");
        assertThat(json("/ui/data/traces/" + "f".repeat(32), 404).path("error").path("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(json("/ui/data/slos?size=500", 400).path("error").path("message").asString())
                .contains("size must be");
        assertThat(json("/ui/data/slos", 200).get("total").asInt()).isZero();
    }

    @Test
    void sectionPagesAnswerShellsOrAHelpful404() throws Exception {
        for (String ok : List.of("/models", "/jobs", "/traces", "/slos", "/traces/" + String.format("%032x", 2))) {
            HttpResponse<String> r = get(ok);
            assertThat(r.statusCode()).as(ok).isEqualTo(200);
            assertThat(r.body()).contains("<nav aria-label=\"Sections\"").contains("/ui/pages.js");
        }
        HttpResponse<String> missing = get("/models/%3Cb%3Enope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no registered model named “&lt;b&gt;nope”.")
                .contains("href=\"/models\"").doesNotContain("<b>nope");
    }

    @Test
    void withApiKeysThePagesAreShellsThatLookNothingUpAndTheDataNeedsAKey() throws Exception {
        try (UiServer keyed = new UiServer(Files.createTempDirectory("obs-section-keys"),
                List.of("obs_test_key_0123456789"))) {
            HttpResponse<String> shell = client.send(
                    HttpRequest.newBuilder(URI.create(keyed.url("/models/no-such-model"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(shell.statusCode()).isEqualTo(200);
            assertThat(shell.body()).contains("data-model=\"no-such-model\"").contains("/ui/models.js");
            for (String data : List.of("/ui/data/slos", "/ui/data/traces", "/api/v1/models")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(keyed.url(data))).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(data).isEqualTo(401);
            }
            HttpResponse<String> withKey = client.send(
                    HttpRequest.newBuilder(URI.create(keyed.url("/ui/data/slos")))
                            .header("X-API-Key", "obs_test_key_0123456789").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withKey.statusCode()).isEqualTo(200);
        }
    }
}

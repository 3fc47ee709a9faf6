package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The model registry's REST API over real HTTP against a DuckDB file. */
class RegistryRoutesTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(TestServer.START);
    final HttpClient client = HttpClient.newHttpClient();
    DuckDbStorage store;
    Auditor auditor;
    HttpServer server;
    Tracking tracking;
    Run run;

    record Res(int status, JsonNode json) {
        String code() {
            return json.path("error").path("code").asString();
        }

        String message() {
            return json.path("error").path("message").asString();
        }
    }

    @BeforeEach
    void start() {
        store = DuckDbStorage.open(dir.resolve("registry.duckdb"), clock);
        auditor = new Auditor(store.audit(), clock);
        server = serve(false);
        tracking.createProject(Actor.anonymous("rest"), "vision", null);
        run = tracking.createRun(Actor.anonymous("rest"), NewRun.of("vision", "resnet50-baseline"));
        tracking.logMetrics(Actor.anonymous("rest"), run.id(), Map.of("eval/acc",
                new MetricColumns(new long[] { 1, 2 }, new double[] { 0.7, 0.91 }, new long[] { 1000, 2000 })));
    }

    private HttpServer serve(boolean readOnly) {
        tracking = new Tracking(store, clock, readOnly, auditor);
        HttpServer s = HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking).stopTimeout(Duration.ZERO)
                .build();
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        server.stop();
        auditor.close();
        store.close();
    }

    Res send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        b.method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        return new Res(r.statusCode(), TestServer.JSON.readTree(r.body()));
    }

    Res get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }

    @Test
    void modelsAreCreatedListedByPageFilteredUpdatedAndRenamed() throws Exception {
        for (int i = 0; i < 7; i++) {
            Res c = send("POST", "/api/v1/models", "{\"name\":\"detector-" + i + "\",\"description\":\"d" + i
                    + "\",\"tags\":{\"team\":\"" + (i % 2 == 0 ? "vision" : "nlp") + "\"}}");
            assertThat(c.status()).isEqualTo(201);
            assertThat(c.json().get("owner").asString()).isEqualTo("anonymous");
        }
        Res page2 = get("/api/v1/models?limit=3&offset=3");
        assertThat(page2.status()).isEqualTo(200);
        assertThat(texts(page2.json().get("models"), "name")).containsExactly("detector-3", "detector-4", "detector-5");
        assertThat(page2.json().get("total").asLong()).isEqualTo(7);
        Res vision = get("/api/v1/models?tag=team%3Dvision&q=TOR-&order=desc");
        assertThat(texts(vision.json().get("models"), "name")).containsExactly("detector-6", "detector-4", "detector-2",
                "detector-0");

        Res patched = send("PATCH", "/api/v1/models/detector-1",
                "{\"description\":\"YOLO\",\"tags\":{\"stage\":\"beta\"},\"remove_tags\":[\"team\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("description").asString()).isEqualTo("YOLO");
        assertThat(patched.json().get("tags").propertyNames()).containsExactly("stage");

        Res renamed = send("PATCH", "/api/v1/models/detector-1", "{\"name\":\"yolo/v8\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo("yolo/v8");
        assertThat(get("/api/v1/models/yolo%2Fv8").json().get("description").asString()).isEqualTo("YOLO");
        assertThat(get("/api/v1/models/detector-1").status()).isEqualTo(404);
    }

    @Test
    void versionsComeFromRunsAndArtifactsAndMoveThroughStagesAndAliases() throws Exception {
        send("POST", "/api/v1/models", "{\"name\":\"resnet\"}");
        Res v1 = send("POST", "/api/v1/models/resnet/versions", "{\"run_id\":\"" + run.id() + "\"}");
        assertThat(v1.status()).isEqualTo(201);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);
        assertThat(v1.json().get("metrics").get("eval/acc").asDouble()).isEqualTo(0.91);
        assertThat(v1.json().get("run").get("name").asString()).isEqualTo("resnet50-baseline");

        var ckpt = store.artifacts().put(new NewArtifact(run.id(), "vision", "ckpt/step_2.pt", 10, null, null,
                ArtifactKind.CHECKPOINT, 2L, null, null, "k/ckpt"));
        Res v2 = send("POST", "/api/v1/models/resnet/versions",
                "{\"artifact_id\":\"" + ckpt.id() + "\",\"metrics\":{\"loss\":\"NaN\"},\"tags\":{\"q\":\"int8\"}}");
        assertThat(v2.status()).isEqualTo(201);
        assertThat(v2.json().get("source").asString()).isEqualTo("runs:/" + run.id() + "/ckpt/step_2.pt");
        assertThat(v2.json().get("run_id").asString()).isEqualTo(run.id());
        assertThat(v2.json().get("metrics").get("loss").asString()).isEqualTo("NaN");

        assertThat(send("POST", "/api/v1/models/resnet/versions/1/stage", "{\"stage\":\"production\"}").json()
                .get("stage").asString()).isEqualTo("Production");
        Res promoted = send("POST", "/api/v1/models/resnet/versions/2/stage",
                "{\"stage\":\"Production\",\"archive_existing_versions\":true}");
        assertThat(promoted.json().get("stage").asString()).isEqualTo("Production");
        assertThat(get("/api/v1/models/resnet/versions/1").json().get("stage").asString()).isEqualTo("Archived");
        Res production = get("/api/v1/models/resnet/versions?stage=production");
        assertThat(production.json().get("total").asLong()).isEqualTo(1);
        assertThat(production.json().get("versions").get(0).get("version").asInt()).isEqualTo(2);

        assertThat(send("PUT", "/api/v1/models/resnet/aliases/champion", "{\"version\":2}").json().get("aliases").get(0)
                .asString()).isEqualTo("champion");
        assertThat(get("/api/v1/models/resnet/aliases/champion").json().get("version").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/models/resnet").json().get("aliases").get("champion").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/model-versions/" + v2.json().get("id").asString()).json().get("version").asInt())
                .isEqualTo(2);
        assertThat(send("DELETE", "/api/v1/models/resnet/aliases/champion", null).status()).isEqualTo(200);
        assertThat(get("/api/v1/models/resnet/aliases/champion").code()).isEqualTo("NOT_FOUND");

        Res updated = send("PATCH", "/api/v1/models/resnet/versions/2",
                "{\"description\":\"int8 export\",\"remove_tags\":[\"q\"]}");
        assertThat(updated.json().get("description").asString()).isEqualTo("int8 export");
        assertThat(updated.json().get("tags").size()).isZero();
    }

    @Test
    void deletesNeedConfirmationAndOtherwiseChangeNothing() throws Exception {
        send("POST", "/api/v1/models", "{\"name\":\"resnet\"}");
        send("POST", "/api/v1/models/resnet/versions", "{\"source\":\"s3://b/v1\"}");
        send("POST", "/api/v1/models/resnet/versions", "{\"source\":\"s3://b/v2\"}");

        Res refused = send("DELETE", "/api/v1/models/resnet/versions/1", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("CONFIRMATION_REQUIRED");
        assertThat(get("/api/v1/models/resnet/versions/1").status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/models/resnet/versions/1?confirm=true", null).status()).isEqualTo(200);
        assertThat(get("/api/v1/models/resnet/versions/1").status()).isEqualTo(404);

        Res model = send("DELETE", "/api/v1/models/resnet", null);
        assertThat(model.code()).isEqualTo("CONFIRMATION_REQUIRED");
        assertThat(model.message()).contains("1 version(s)").contains("confirm=true");
        assertThat(get("/api/v1/models/resnet").status()).isEqualTo(200);
        Res deleted = send("DELETE", "/api/v1/models/resnet?confirm=true", null);
        assertThat(deleted.json().get("versions_deleted").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/models/resnet").status()).isEqualTo(404);
        auditor.flush();
        assertThat(texts(get("/api/v1/audit?limit=20").json().get("events"), "action")).contains("model.delete",
                "version.delete");
    }

    @Test
    void badInputIsAJsonErrorThatSaysWhatToFixAndWritesNothing() throws Exception {
        send("POST", "/api/v1/models", "{\"name\":\"resnet\"}");
        send("POST", "/api/v1/models/resnet/versions", "{\"source\":\"s3://b/v1\"}");
        Res duplicate = send("POST", "/api/v1/models", "{\"name\":\"resnet\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("CONFLICT");
        assertThat(send("POST", "/api/v1/models", "{\"nam\":\"x\"}").message()).contains("unknown field 'nam'");
        assertThat(send("POST", "/api/v1/models", "{\"name\":\"x\",\"tags\":{\"a\":1}}").message()).contains("tags.a");
        assertThat(send("POST", "/api/v1/models", "{\"name\":").code()).isEqualTo("MALFORMED_JSON");
        assertThat(get("/api/v1/models/nope").code()).isEqualTo("NOT_FOUND");
        assertThat(get("/api/v1/models/nope/versions").status()).isEqualTo(404);
        assertThat(get("/api/v1/models/resnet/versions/abc").message()).contains("positive number");
        assertThat(get("/api/v1/models/resnet/versions/7").status()).isEqualTo(404);
        Res stage = send("POST", "/api/v1/models/resnet/versions/1/stage", "{\"stage\":\"Prod\"}");
        assertThat(stage.status()).isEqualTo(400);
        assertThat(stage.message()).contains("None, Staging, Production, Archived");
        assertThat(send("POST", "/api/v1/models/resnet/versions/1/stage",
                "{\"stage\":\"Archived\",\"archive_existing_versions\":true}").status()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/models/resnet/aliases/latest", "{\"version\":1}").message())
                .contains("reserved");
        assertThat(send("PUT", "/api/v1/models/resnet/aliases/champion", "{\"version\":\"1\"}").status())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/models/resnet/versions", "{}").message()).contains("run_id");
        assertThat(send("POST", "/api/v1/models/resnet/versions", "{\"run_id\":\"0000000000000000\"}").status())
                .isEqualTo(404);
        assertThat(get("/api/v1/models?limit=0").code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(get("/api/v1/models?sort=size").message()).contains("sort must be");
        assertThat(get("/api/v1/models?tag=team").message()).contains("key=value");
        assertThat(get("/api/v1/models?nme=x").message()).contains("unknown query parameter 'nme'");
        Res after = get("/api/v1/models/resnet");
        assertThat(after.json().get("version_count").asLong()).isEqualTo(1);
        assertThat(after.json().get("aliases").size()).isZero();
        assertThat(get("/api/v1/models").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void readOnlyModeRefusesWritesButServesReads() throws Exception {
        send("POST", "/api/v1/models", "{\"name\":\"resnet\"}");
        server.stop();
        server = serve(true);
        Res refused = send("POST", "/api/v1/models", "{\"name\":\"other\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("READ_ONLY");
        assertThat(send("DELETE", "/api/v1/models/resnet?confirm=true", null).code()).isEqualTo("READ_ONLY");
        assertThat(get("/api/v1/models").json().get("total").asLong()).isEqualTo(1);
    }
}

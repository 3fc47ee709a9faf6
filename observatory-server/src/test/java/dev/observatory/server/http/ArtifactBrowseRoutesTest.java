package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.CheckpointFiles;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.store.blob.FileBlobStore;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What the artifacts page reads beyond the artifact routes: header facts, download links and storage usage. */
class ArtifactBrowseRoutesTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(TestServer.START);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final HttpClient client = HttpClient.newHttpClient();
    FileBlobStore blobs;
    HttpServer server;
    Tracking tracking;
    Run run;

    @BeforeEach
    void start() {
        AtomicReference<String> base = new AtomicReference<>();
        blobs = FileBlobStore.open(dir, base::get, clock);
        tracking = new Tracking(store, clock, false, auditor, blobs);
        server = HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking).settings(HttpSettings.defaults())
                .auth(new ApiKeyAuth(store.keys(), List.of())).stopTimeout(Duration.ZERO).build();
        server.start();
        base.set("http://127.0.0.1:" + server.port());
        tracking.createProject(Actor.anonymous("rest"), "vision", null);
        run = tracking.createRun(Actor.anonymous("rest"), NewRun.of("vision", "r"));
    }

    @AfterEach
    void stop() {
        server.stop();
        auditor.close();
        blobs.close();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.JSON.readTree(r.body());
    }

    Artifact upload(String path, byte[] bytes) {
        return new Artifacts(tracking).upload(Actor.anonymous("rest"),
                dev.observatory.core.artifact.Upload.of(run.id(), path, new java.io.ByteArrayInputStream(bytes)));
    }

    @Test
    void storageUsageIsGroupedLargestFirstWithATotal() throws Exception {
        upload("ckpt/step_100.pt", new byte[1000]);
        upload("ckpt/step_200.pt", new byte[1000]);
        upload("report.html", new byte[10]);

        JsonNode byKind = json("/api/v1/storage/usage?run_id=" + run.id() + "&group_by=kind");
        assertThat(byKind.get("total").get("count").asLong()).isEqualTo(3);
        assertThat(byKind.get("total").get("bytes").asLong()).isEqualTo(2010);
        assertThat(byKind.get("groups").get(0).get("group").asString()).isEqualTo("checkpoint");
        assertThat(byKind.get("groups").get(0).get("max_step").asLong()).isEqualTo(200);
        assertThat(byKind.get("groups").size()).isEqualTo(2);
        JsonNode onlyReports = json("/api/v1/storage/usage?project=vision&kind=report&group_by=none");
        assertThat(onlyReports.get("total").get("bytes").asLong()).isEqualTo(10);
        assertThat(onlyReports.get("groups").size()).isZero();
        JsonNode byProject = json("/api/v1/storage/usage?group_by=project");
        assertThat(byProject.get("groups").get(0).get("group").asString()).isEqualTo("vision");

        HttpResponse<String> bad = get("/api/v1/storage/usage?group_by=bucket");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("project, run, kind, day, none");
        assertThat(get("/api/v1/storage/usage?project=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void aLinkDownloadsItsArtifactWithoutAKeyForTheAskedTime() throws Exception {
        Artifact a = upload("model.pt", "weights".getBytes(StandardCharsets.UTF_8));

        JsonNode link = json("/api/v1/artifacts/" + a.id() + "/link?valid_for=60");
        assertThat(link.get("expires_at").asString()).isEqualTo(TestServer.START.plusSeconds(60).toString());
        HttpResponse<String> download = client.send(
                HttpRequest.newBuilder(URI.create(link.get("url").asString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("weights");
        assertThat(get("/api/v1/artifacts/" + a.id() + "/link?valid_for=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/artifacts/nope/link").statusCode()).isEqualTo(404);
    }

    @Test
    void theHeaderOfASafetensorsCheckpointIsReadAndALocalCheckpointSaysWhyNot() throws Exception {
        String header = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[4,5],\"data_offsets\":[0,40]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] file = ByteBuffer.allocate(8 + h.length + 40).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .array();
        Artifact a = upload("step_000100/model.safetensors", file);

        JsonNode facts = json("/api/v1/artifacts/" + a.id() + "/header").get("header");
        assertThat(facts.get("tensor_count").asInt()).isEqualTo(1);
        assertThat(facts.get("parameter_count").asLong()).isEqualTo(20);

        Artifact local = new CheckpointFiles(new Artifacts(tracking)).registerLocal(Actor.anonymous("rest"), run.id(),
                "checkpoint-9/model.safetensors", dir.resolve("job/checkpoint-9/model.safetensors").toAbsolutePath(),
                10, 9L, null, Map.of());
        assertThat(json("/api/v1/artifacts/" + local.id() + "/header").get("note").asString())
                .contains("stays where the job wrote it");
        HttpResponse<String> noLink = get("/api/v1/artifacts/" + local.id() + "/link");
        assertThat(noLink.statusCode()).isEqualTo(400);
        assertThat(noLink.body()).contains("has no download link");
    }
}

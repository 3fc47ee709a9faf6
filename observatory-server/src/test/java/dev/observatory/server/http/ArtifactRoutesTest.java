package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Artifact upload, download, lists, lineage and signed links over real HTTP, with a filesystem blob store. */
class ArtifactRoutesTest {
    static final String KEY = "obs_test_key_0123456789";

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
        server = HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking)
                .settings(HttpSettings.defaults().withMaxBodyBytes(1024))
                .auth(new ApiKeyAuth(store.keys(), List.of(KEY))).stopTimeout(Duration.ZERO).build();
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

    HttpResponse<String> send(HttpRequest.Builder b, boolean withKey) throws IOException, InterruptedException {
        if (withKey) {
            b.header("Authorization", "Bearer " + KEY);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    static JsonNode json(HttpResponse<String> r) {
        return TestServer.JSON.readTree(r.body());
    }

    @Test
    void uploadsBeyondTheJsonBodyLimitStreamAndDownloadWithRanges() throws Exception {
        String content = "0123456789".repeat(1000); // 10 kB, over the 1 kB JSON body limit
        HttpResponse<String> put = send(
                at("/api/v1/runs/" + run.id() + "/artifacts/ckpt/checkpoint-500/model.pt")
                        .header("X-Content-SHA256", sha256(content)).PUT(HttpRequest.BodyPublishers.ofString(content)),
                true);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        JsonNode a = json(put);
        assertThat(a.get("kind").asString()).isEqualTo("checkpoint");
        assertThat(a.get("step").asLong()).isEqualTo(500);
        assertThat(a.get("size").asLong()).isEqualTo(10_000);
        HttpResponse<String> whole = send(
                at("/api/v1/runs/" + run.id() + "/artifacts/ckpt/checkpoint-500/model.pt").GET(), true);
        assertThat(whole.body()).isEqualTo(content);
        HttpResponse<String> part = send(at(a.get("download").asString()).header("Range", "bytes=10-14").GET(), true);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("01234");
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 10-14/10000");
        assertThat(send(at(a.get("download").asString()).header("Range", "bytes=20000-").GET(), true).statusCode())
                .isEqualTo(416);
        HttpResponse<String> list = send(at("/api/v1/runs/" + run.id() + "/artifacts?kind=checkpoint").GET(), true);
        assertThat(json(list).get("artifacts").size()).isEqualTo(1);
        HttpResponse<String> lineage = send(at("/api/v1/lineage/run/" + run.id()).GET(), true);
        assertThat(json(lineage).get("edges").get(0).get("relation").asString()).isEqualTo("logged_by");
    }

    @Test
    void badUploadsAre4xxJsonErrorsAndLeaveNoRecord() throws Exception {
        HttpResponse<String> mismatch = send(at("/api/v1/runs/" + run.id() + "/artifacts/m.pt")
                .header("X-Content-SHA256", sha256("other")).PUT(HttpRequest.BodyPublishers.ofString("abc")), true);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        HttpResponse<String> traversal = send(at("/api/v1/runs/" + run.id() + "/artifacts/a/%2E%2E/%2E%2E/x")
                .PUT(HttpRequest.BodyPublishers.ofString("abc")), true);
        assertThat(traversal.statusCode()).isBetween(400, 404);
        assertThat(send(at("/api/v1/runs/nope/artifacts/m.pt").PUT(HttpRequest.BodyPublishers.ofString("abc")), true)
                .statusCode()).isEqualTo(404);
        assertThat(send(at("/api/v1/runs/" + run.id() + "/artifacts/m.pt?kind=weights")
                .PUT(HttpRequest.BodyPublishers.ofString("abc")), true).statusCode()).isEqualTo(400);
        assertThat(store.artifacts().count(dev.observatory.model.artifact.ArtifactQuery.ofRun(run.id(), 1))).isZero();
        assertThat(
                send(at("/api/v1/runs/" + run.id() + "/artifacts/m.pt").PUT(HttpRequest.BodyPublishers.ofString("abc")),
                        false).statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedLinkNeedsNoKeyButGrantsOnlyItsObjectUntilItExpires() throws Exception {
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.upload(Actor.anonymous("rest"), dev.observatory.core.artifact.Upload.of(run.id(),
                "model.pt", new java.io.ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8))));
        artifacts.upload(Actor.anonymous("rest"), dev.observatory.core.artifact.Upload.of(run.id(), "secret.pt",
                new java.io.ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8))));
        URI link = artifacts.link(a, Duration.ofMinutes(5)).url();

        HttpResponse<String> ok = send(HttpRequest.newBuilder(link).GET(), false);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("weights");
        URI other = URI.create(link.toString().replace("model.pt", "secret.pt"));
        assertThat(send(HttpRequest.newBuilder(other).GET(), false).statusCode()).isEqualTo(403);
        assertThat(send(at("/api/v1/artifacts/" + a.id() + "/content").GET(), false).statusCode()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(6));
        assertThat(send(HttpRequest.newBuilder(link).GET(), false).statusCode()).isEqualTo(403);
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.server.mlflow.MlflowTestServer.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.tracking.MlflowClient;

/**
 * Run artifacts through MLflow's artifact proxy and {@code artifacts/list}: the requests MLflow's Python client sends
 * for an {@code mlflow-artifacts:/} artifact_uri, sent here over raw HTTP because the official Java client hands every
 * non-{@code file:} artifact URI to the Python {@code mlflow} CLI (which cannot be installed here: no PyPI). Runs are
 * created with the Java client; the files are Observatory artifacts.
 */
class MlflowArtifactsTest {
    @TempDir
    Path blobs;
    MlflowTestServer server;
    MlflowClient client;
    RunInfo run;
    String proxy;

    @BeforeEach
    void start() {
        server = MlflowTestServer.memoryWithBlobs(blobs);
        client = new MlflowClient(server.uri());
        run = client.createRun("0");
        assertThat(run.getArtifactUri()).startsWith("mlflow-artifacts:/0/" + run.getRunId());
        proxy = server.uri() + "/api/2.0/mlflow-artifacts/artifacts/"
                + run.getArtifactUri().substring("mlflow-artifacts:/".length());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Answer put(String path, byte[] body) {
        return server.send(HttpRequest.newBuilder(URI.create(proxy + "/" + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        return server.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(7).nextBytes(b);
        return b;
    }

    @Test
    void uploadsThroughTheProxyListsThemAndDownloadsTheSameBytes() throws Exception {
        byte[] weights = random(300_000);
        assertThat(put("model/weights.bin", weights).status()).isEqualTo(200);
        assertThat(put("model/MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(put("metrics.json", "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        Answer root = server.get("artifacts/list?run_id=" + run.getRunId());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().path("root_uri").asString()).isEqualTo(run.getArtifactUri());
        assertThat(root.json().path("files").toString()).isEqualTo(
                "[{\"path\":\"metrics.json\",\"is_dir\":false,\"file_size\":2},{\"path\":\"model\",\"is_dir\":true}]");
        Answer model = server.get("artifacts/list?run_uuid=" + run.getRunId() + "&path=model/");
        assertThat(model.json().path("files").toString()).isEqualTo("[{\"path\":\"model/MLmodel\",\"is_dir\":false,"
                + "\"file_size\":12},{\"path\":\"model/weights.bin\",\"is_dir\":false,\"file_size\":300000}]");

        HttpResponse<byte[]> got = download(proxy + "/model/weights.bin");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(weights);
        assertThat(new Artifacts(server.tracking).find(run.getRunId(), "model/weights.bin").size())
                .isEqualTo(weights.length);
    }

    @Test
    void theProxyListsADirectoryWithNamesRelativeToIt() {
        put("model/MLmodel", new byte[] { 1 });
        put("model/data/part-0", new byte[] { 1, 2 });

        Answer a = server.send(HttpRequest.newBuilder(URI.create(
                server.uri() + "/api/2.0/mlflow-artifacts/artifacts?path=0/" + run.getRunId() + "/artifacts/model"))
                .GET().build());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("files").toString()).isEqualTo(
                "[{\"path\":\"MLmodel\",\"is_dir\":false,\"file_size\":1},{\"path\":\"data\",\"is_dir\":true}]");
    }

    @Test
    void aSecondUploadToAPathReplacesTheFileAndDeleteRemovesIt() throws Exception {
        put("notes.txt", "first".getBytes(StandardCharsets.UTF_8));
        put("notes.txt", "second".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(download(proxy + "/notes.txt").body(), StandardCharsets.UTF_8)).isEqualTo("second");

        Answer deleted = server.send(HttpRequest.newBuilder(URI.create(proxy + "/notes.txt")).DELETE().build());
        assertThat(deleted.status()).isEqualTo(200);

        Answer gone = server.send(HttpRequest.newBuilder(URI.create(proxy + "/notes.txt")).GET().build());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(listed()).isEqualTo("[]");
    }

    private String listed() {
        return server.get("artifacts/list?run_id=" + run.getRunId()).json().path("files").toString();
    }

    @Test
    void badPathsAreRefusedWithMlflowErrorsAndNothingIsWritten() {
        Answer dots = put("../escape.txt", new byte[] { 1 });
        assertThat(dots.status()).isEqualTo(400);
        assertThat(dots.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");

        Answer wrongExperiment = server.send(HttpRequest
                .newBuilder(URI.create(
                        server.uri() + "/api/2.0/mlflow-artifacts/artifacts/42/" + run.getRunId() + "/artifacts/x.txt"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 })).build());
        assertThat(wrongExperiment.status()).isEqualTo(404);

        Answer unknownRun = server.send(HttpRequest
                .newBuilder(
                        URI.create(server.uri() + "/api/2.0/mlflow-artifacts/artifacts/0/no-such-run/artifacts/x.txt"))
                .GET().build());
        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(unknownRun.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

        Answer noArtifactsSegment = server.send(HttpRequest
                .newBuilder(
                        URI.create(server.uri() + "/api/2.0/mlflow-artifacts/artifacts/0/" + run.getRunId() + "/x.txt"))
                .GET().build());
        assertThat(noArtifactsSegment.status()).isEqualTo(400);

        Answer post = server.send(HttpRequest.newBuilder(URI.create(proxy + "/x.txt"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 })).build());
        assertThat(post.status()).isEqualTo(405);
        Answer listDots = server.get("artifacts/list?run_id=" + run.getRunId() + "&path=../x");
        assertThat(listDots.status()).isEqualTo(400);
        assertThat(listed()).isEqualTo("[]");
    }

    @Test
    void withoutABlobStoreUploadsAnswerServiceUnavailable() {
        try (MlflowTestServer bare = MlflowTestServer.memory();
                MlflowClient c = new MlflowClient(bare.uri())) {
            RunInfo r = c.createRun("0");
            Answer a = bare.send(HttpRequest
                    .newBuilder(URI.create(
                            bare.uri() + "/api/2.0/mlflow-artifacts/artifacts/0/" + r.getRunId() + "/artifacts/x.txt"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 })).build());

            assertThat(a.status()).isEqualTo(503);
            assertThat(a.message()).contains("blob_store");
        }
    }
}

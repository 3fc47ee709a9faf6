package dev.observatory.server.mlflow;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.FileBlobStore;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A real HTTP server on a free port with the MLflow API mounted, over DuckDB (a file) or memory. */
final class MlflowTestServer implements AutoCloseable {
    final StorageComponent store;
    final Tracking tracking;
    final Auditor auditor;
    final HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** An HTTP answer: status and body text. */
    record Answer(int status, String body) {
        JsonNode json() {
            return MlflowJson.MAPPER.readTree(body);
        }

        String errorCode() {
            return json().path("error_code").asString();
        }

        String message() {
            return json().path("message").asString();
        }
    }

    private MlflowTestServer(StorageComponent store, int maxMetricsPerBatch) {
        this(store, maxMetricsPerBatch, false);
    }

    private MlflowTestServer(StorageComponent store, int maxMetricsPerBatch, boolean readOnly) {
        this(store, maxMetricsPerBatch, readOnly, null);
    }

    private MlflowTestServer(StorageComponent store, int maxMetricsPerBatch, boolean readOnly, BlobStore blobs) {
        this.store = store;
        this.auditor = new Auditor(store.audit(), Clock.systemUTC());
        this.tracking = new Tracking(store, Clock.systemUTC(), readOnly, auditor, blobs);
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).version("test").stopTimeout(Duration.ZERO);
        MlflowApi.mountOn(b, tracking, maxMetricsPerBatch);
        this.server = b.build();
        server.start();
    }

    static MlflowTestServer duckDb(Path dir) {
        return new MlflowTestServer(DuckDbStorage.open(dir.resolve("mlflow.duckdb")), 1000);
    }

    /** A DuckDB store with artifacts in a filesystem blob store under {@code dir}/blobs. */
    static MlflowTestServer duckDbWithBlobs(Path dir) {
        return new MlflowTestServer(DuckDbStorage.open(dir.resolve("mlflow.duckdb")), 1000, false,
                FileBlobStore.open(dir.resolve("blobs"), () -> "http://127.0.0.1", Clock.systemUTC()));
    }

    /** A memory store with artifacts in a filesystem blob store under {@code dir}. */
    static MlflowTestServer memoryWithBlobs(Path dir) {
        return new MlflowTestServer(new InMemoryStorage(), 1000, false,
                FileBlobStore.open(dir, () -> "http://127.0.0.1", Clock.systemUTC()));
    }

    static MlflowTestServer memory() {
        return memory(1000);
    }

    static MlflowTestServer memory(int maxMetricsPerBatch) {
        return new MlflowTestServer(new InMemoryStorage(), maxMetricsPerBatch);
    }

    /** A read-only server over a memory store that already holds what {@code fill} wrote. */
    static MlflowTestServer readOnly(java.util.function.Consumer<StorageComponent> fill) {
        InMemoryStorage store = new InMemoryStorage();
        fill.accept(store);
        return new MlflowTestServer(store, 1000, true);
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    Answer post(String endpoint, String json) {
        return send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer postBytes(String endpoint, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(String endpointAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpointAndQuery)).GET().build());
    }

    Answer send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        auditor.close();
        store.close();
    }
}

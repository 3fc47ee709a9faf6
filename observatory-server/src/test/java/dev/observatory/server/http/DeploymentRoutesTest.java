package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.DeploymentRunner;
import dev.observatory.core.deploy.DeploymentSettings;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The deployments REST routes over real HTTP with the committed tiny model server as a real child process. */
class DeploymentRoutesTest {
    static final String KEY = "obs_test_key_0123456789";
    static final Path SERVER = Path
            .of("..", "observatory-core", "src", "test", "resources", "tiny-model-server", "Server.java")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;
    final InMemoryStorage store = new InMemoryStorage();
    final HttpClient client = HttpClient.newHttpClient();
    Tracking tracking;
    DeploymentRunner runner;
    HttpServer server;

    @BeforeEach
    void start() {
        tracking = new Tracking(store, Clock.systemUTC(), false, new Auditor(store.audit(), Clock.systemUTC()));
        Actor ada = new Actor("ada", "test");
        new Registry(tracking).createModel(ada, new NewModel("tiny", null, Map.of(), "ada"));
        new Registry(tracking).createVersion(ada, NewModelVersion.of("tiny", "/models/tiny/1", null));
        runner = Deployments.configure(tracking, new DeploymentSettings(dir.resolve("work"), dir.resolve("logs"),
                Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofSeconds(3), 1 << 20, 1)).start();
        server = HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking)
                .auth(new ApiKeyAuth(store.keys(), List.of(KEY))).stopTimeout(Duration.ZERO).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        runner.stopAll("test end");
        runner.close();
    }

    HttpResponse<String> send(String method, String path, String body, boolean withKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (withKey) {
            b.header("Authorization", "Bearer " + KEY);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) {
        return TestServer.JSON.readTree(r.body());
    }

    @Test
    void deploysProbesListsReadsLogsAndStopsOverRestWithSecretsRedacted() throws Exception {
        assumeTrue(Files.exists(SERVER), "the tiny model server source is at " + SERVER);
        String java = ProcessHandle.current().info().command().orElse("java");
        String body = "{\"model\": \"tiny\", \"version\": \"1\", \"command\": "
                + TestServer.JSON.writeValueAsString(List.of(java, "-XX:TieredStopAtLevel=1", SERVER.toString(),
                        "--port", "{port}", "--model", "{model}"))
                + ", \"env\": {\"HF_TOKEN\": \"hf_abcdefgh12345\"}, \"wait_seconds\": 90}";
        assertThat(send("POST", "/api/v1/deployments", body, false).statusCode()).isEqualTo(401);
        HttpResponse<String> created = send("POST", "/api/v1/deployments", body, true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("hf_abcdefgh12345");
        JsonNode d = json(created);
        assertThat(d.get("status").asString()).isEqualTo("healthy");
        assertThat(d.get("env").get("HF_TOKEN").asString()).isEqualTo("***");
        String id = d.get("id").asString();

        JsonNode list = json(send("GET", "/api/v1/deployments?status=healthy", null, true));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("deployments").get(0).get("id").asString()).isEqualTo(id);
        JsonNode health = json(send("GET", "/api/v1/deployments/" + id + "/health", null, true));
        assertThat(health.get("http_status").asInt()).isEqualTo(200);
        JsonNode logs = json(send("GET", "/api/v1/deployments/" + id + "/logs?grep=LISTENING", null, true));
        assertThat(logs.get("lines").get(0).asString()).startsWith("LISTENING " + d.get("port").asInt());

        HttpResponse<String> stopped = send("POST", "/api/v1/deployments/" + id + "/stop", null, true);
        assertThat(json(stopped).get("status").asString()).isEqualTo("stopped");
        assertThat(send("GET", "/api/v1/deployments/0123456789abcdef", null, true).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownVersionIsNotFoundAndAnUnknownEnvironmentBadInput() throws Exception {
        assertThat(send("POST", "/api/v1/deployments",
                "{\"model\": \"tiny\", \"version\": \"5\", \"command\":" + " [\"serve\"]}", true).statusCode())
                        .isEqualTo(404);
        HttpResponse<String> bad = send("POST", "/api/v1/deployments",
                "{\"model\": \"tiny\", \"environment\": \"production\", \"command\": [\"serve\"]}", true);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("propose_release_config");
    }

    @Test
    void theDockerRuntimeWithoutAReachableEngineIsAConflictSayingWhy() throws Exception {
        String why = Deployments.dockerUnavailableReason();
        assumeTrue(why != null, "a Docker engine answers on this host: this test is about a host without one");
        HttpResponse<String> r = send("POST", "/api/v1/deployments",
                "{\"model\": \"tiny\", \"version\": \"1\", \"runtime\": \"docker\", \"template\": \"vllm\"}", true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).contains("docker is not available on this host", "runtime=process");
        assertThat(why).containsAnyOf("no Docker engine", "does not answer");
        assertThat(json(send("GET", "/api/v1/deployments", null, true)).get("total").asLong()).isZero();
    }
}

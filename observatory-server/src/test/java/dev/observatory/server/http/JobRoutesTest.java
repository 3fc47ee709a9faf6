package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.dataset.TrainingConfigs;
import dev.observatory.core.job.JobRunner;
import dev.observatory.core.job.JobSettings;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.PriceTable;
import dev.observatory.model.dataset.NewTrainingConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The jobs REST routes over real HTTP and real (shell) processes. */
class JobRoutesTest {
    static final String KEY = "obs_test_key_0123456789";

    @TempDir
    Path dir;
    final InMemoryStorage store = new InMemoryStorage();
    final HttpClient client = HttpClient.newHttpClient();
    Tracking tracking;
    JobRunner runner;
    HttpServer server;
    Path work;

    @BeforeEach
    void start() throws IOException {
        tracking = new Tracking(store, Clock.systemUTC(), false, new Auditor(store.audit(), Clock.systemUTC()));
        runner = Jobs
                .configure(tracking,
                        new JobSettings(List.of(dir.resolve("jobs")), dir.resolve("logs"), 2, Duration.ofMillis(500),
                                1 << 20, 1, Duration.ofSeconds(1), Duration.ofMillis(50), PriceTable.defaults()))
                .start();
        work = Files.createDirectories(dir.resolve("jobs").resolve("w"));
        server = HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking)
                .auth(new ApiKeyAuth(store.keys(), List.of(KEY))).stopTimeout(Duration.ZERO).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        runner.stopAll("test end", 3000);
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

    String startBody(String script) {
        return "{\"project\": \"vision\", \"argv\": [\"/bin/sh\", \"-c\", " + TestServer.JSON.writeValueAsString(script)
                + "], \"working_dir\": " + TestServer.JSON.writeValueAsString(work.toString())
                + ", \"env\": {\"DB_PASSWORD\": \"hunter2hunter2\"}, \"guardrails\": {\"stall_seconds\": 0}}";
    }

    JsonNode awaitEnd(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode j = TestServer.JSON.readTree(send("GET", "/api/v1/jobs/" + id, null, true).body());
            if (!List.of("pending", "running").contains(j.get("status").asString())) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job did not end");
    }

    @Test
    void startsAJobListsItAndServesItsRedactedLogAndSpec() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/jobs",
                startBody("echo \"step 1 loss 0.5 pw $DB_PASSWORD\"; echo step 2 loss 0.25"), true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestServer.JSON.readTree(created.body()).get("job_id").asString();

        JsonNode ended = awaitEnd(id);
        assertThat(ended.get("status").asString()).isEqualTo("succeeded");
        assertThat(ended.get("spec").get("env").get("DB_PASSWORD").asString()).isEqualTo("***");
        JsonNode logs = TestServer.JSON
                .readTree(send("GET", "/api/v1/jobs/" + id + "/logs?grep=pw", null, true).body());
        assertThat(logs.get("lines").get(0).asString()).isEqualTo("step 1 loss 0.5 pw ***");
        JsonNode list = TestServer.JSON.readTree(send("GET", "/api/v1/jobs?status=succeeded", null, true).body());
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("jobs").get(0).get("job_id").asString()).isEqualTo(id);
    }

    @Test
    void stopsARunningJobAndNeedsAKeyToStartOne() throws Exception {
        assertThat(send("POST", "/api/v1/jobs", startBody("sleep 30"), false).statusCode()).isEqualTo(401);
        String id = TestServer.JSON.readTree(send("POST", "/api/v1/jobs", startBody("sleep 30"), true).body())
                .get("job_id").asString();

        assertThat(send("POST", "/api/v1/jobs/" + id + "/stop", null, true).statusCode()).isEqualTo(200);
        assertThat(awaitEnd(id).get("status").asString()).isEqualTo("stopped");
        assertThat(send("POST", "/api/v1/jobs/" + id + "/stop", null, true).statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/v1/jobs/0123456789abcdef", null, true).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAWorkingDirectoryOutsideTheRootsAsBadInput() throws Exception {
        String body = "{\"project\": \"vision\", \"argv\": [\"true\"], \"working_dir\": "
                + TestServer.JSON.writeValueAsString(dir.toString()) + "}";
        HttpResponse<String> r = send("POST", "/api/v1/jobs", body, true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("outside the job roots");
    }

    @Test
    void refusesAConfigThatFailsValidationWith400NamingThePathAndRecordsAValidOne() throws Exception {
        TrainingConfigs configs = new TrainingConfigs(tracking);
        String valid = configs.template("lora-finetune").yaml();
        configs.save(new Actor("t", "test"), "lora", "lora-finetune", valid, null);
        store.trainingConfigs().save(
                new NewTrainingConfig("lora", "lora-finetune", "yaml", valid.replace("rank: 16", "rank: -2"), null));
        String touch = startBody("touch spawned");

        HttpResponse<String> refused = send("POST", "/api/v1/jobs",
                touch.substring(0, touch.length() - 1) + ", \"config\": \"lora\"}", true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("fails validation").contains("$.lora.rank");
        assertThat(TestServer.JSON.readTree(send("GET", "/api/v1/jobs", null, true).body()).get("total").asLong())
                .isZero();
        assertThat(work.resolve("spawned")).doesNotExist();

        String body = startBody("echo ok");
        HttpResponse<String> created = send("POST", "/api/v1/jobs",
                body.substring(0, body.length() - 1) + ", \"config\": \"lora\", \"config_version\": 1}", true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ended = awaitEnd(TestServer.JSON.readTree(created.body()).get("job_id").asString());
        assertThat(ended.get("config").asString()).isEqualTo("lora");
        assertThat(ended.get("config_version").asInt()).isEqualTo(1);
    }
}

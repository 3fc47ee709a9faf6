package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MLflow semantics over raw HTTP on the memory store: paging, names, tags, inputs, bulk history. */
class MlflowApiTest {
    MlflowTestServer s;
    String exp;

    @BeforeEach
    void start() {
        s = MlflowTestServer.memory();
        exp = s.post("experiments/create", "{\"name\":\"api\"}").json().path("experiment_id").asString();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String createRun(String body) {
        MlflowTestServer.Answer a = s.post("runs/create", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().path("run").path("info").path("run_id").asString();
    }

    private void logMetric(String run, String key, double value, long step) {
        assertThat(s.post("runs/log-metric", "{\"run_id\":\"" + run + "\",\"key\":\"" + key + "\",\"value\":" + value
                + ",\"timestamp\":\"5\",\"step\":\"" + step + "\"}").status()).isEqualTo(200);
    }

    @Test
    void pagesThroughAnOrderedSearchSkippingDeletedRuns() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = createRun("{\"experiment_id\":\"" + exp + "\"}");
            logMetric(id, "loss", i / 10.0, 0);
            ids.add(id);
        }
        s.post("runs/delete", "{\"run_id\":\"" + ids.get(2) + "\"}");

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = s.post("runs/search",
                    "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"metrics.loss"
                            + " < 0.75\",\"order_by\":[\"metrics.loss ASC\"],\"max_results\":3"
                            + (token == null ? "" : ",\"page_token\":\"" + token + "\"") + "}")
                    .json();
            page.path("runs").forEach(r -> seen.add(r.path("info").path("run_id").asString()));
            token = page.path("next_page_token").asString(null);
        } while (token != null);

        assertThat(seen).containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4), ids.get(5), ids.get(6),
                ids.get(7));
    }

    @Test
    void equalRunNamesAreKeptForMlflowAndMadeUniqueForObservatory() {
        String a = createRun("{\"experiment_id\":\"" + exp + "\",\"run_name\":\"baseline\"}");
        String b = createRun("{\"experiment_id\":\"" + exp + "\",\"run_name\":\"baseline\"}");

        JsonNode runB = s.get("runs/get?run_id=" + b).json().path("run");
        assertThat(runB.path("info").path("run_name").asString()).isEqualTo("baseline");
        assertThat(s.tracking.getRun(a).name()).isEqualTo("baseline");
        assertThat(s.tracking.getRun(b).name()).startsWith("baseline-");
        JsonNode found = s
                .post("runs/search",
                        "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"attributes.run_name = 'baseline'\"}")
                .json().path("runs");
        assertThat(found).hasSize(2);
    }

    @Test
    void shortTagsBecomeLabelsAndSystemOrLongTagsStayMlflowOnly() {
        String run = createRun("{\"experiment_id\":\"" + exp + "\",\"tags\":[{\"key\":\"mlflow.user\",\"value\":"
                + "\"ada\"},{\"key\":\"team\",\"value\":\"cv\"},{\"key\":\"mlflow.source.name\",\"value\":\"t.py\"}]}");
        String longValue = "x".repeat(500);
        s.post("runs/set-tag", "{\"run_id\":\"" + run + "\",\"key\":\"note\",\"value\":\"" + longValue + "\"}");
        s.post("runs/set-tag", "{\"run_id\":\"" + run + "\",\"key\":\"team\",\"value\":\"nlp\"}");

        Run r = s.tracking.getRun(run);
        assertThat(r.user()).isEqualTo("ada");
        assertThat(r.tags()).containsExactly("team=nlp");
        JsonNode tags = s.get("runs/get?run_id=" + run).json().path("run").path("data").path("tags");
        List<String> pairs = new ArrayList<>();
        tags.forEach(t -> pairs.add(t.path("key").asString() + "=" + t.path("value").asString()));
        assertThat(pairs).contains("team=nlp", "note=" + longValue, "mlflow.source.name=t.py", "mlflow.user=ada");

        s.post("runs/delete-tag", "{\"run_id\":\"" + run + "\",\"key\":\"team\"}");
        assertThat(s.tracking.getRun(run).tags()).isEmpty();
    }

    @Test
    void keepsLoggedDatasetInputs() {
        String run = createRun("{\"experiment_id\":\"" + exp + "\"}");
        String datasets = "[{\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":\"train\"}],\"dataset\":{\"name\":"
                + "\"mnist\",\"digest\":\"abc\",\"source_type\":\"local\",\"source\":\"/d\"}}]";

        assertThat(s.post("runs/log-inputs", "{\"run_id\":\"" + run + "\",\"datasets\":" + datasets + "}").status())
                .isEqualTo(200);

        JsonNode inputs = s.get("runs/get?run_id=" + run).json().path("run").path("inputs").path("dataset_inputs");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).path("dataset").path("name").asString()).isEqualTo("mnist");
    }

    @Test
    void bulkIntervalSamplesEachRunEvenly() {
        String a = createRun("{\"experiment_id\":\"" + exp + "\"}");
        String b = createRun("{\"experiment_id\":\"" + exp + "\"}");
        for (int i = 0; i <= 100; i++) {
            logMetric(a, "acc", i, i);
        }
        logMetric(b, "acc", 1, 7);

        JsonNode m = s.get(
                "metrics/get-history-bulk-interval?run_ids=" + a + "&run_ids=" + b + "&metric_key=acc&max_results=11")
                .json().path("metrics");

        assertThat(m).hasSize(12);
        assertThat(m.get(0).path("step").asLong()).isZero();
        assertThat(m.get(10).path("step").asLong()).isEqualTo(100);
        assertThat(m.get(11).path("run_id").asString()).isEqualTo(b);
    }

    @Test
    void searchesExperimentsByNameAndOrder() {
        s.post("experiments/create", "{\"name\":\"api-b\"}");
        s.post("experiments/create", "{\"name\":\"other\"}");

        JsonNode found = s.post("experiments/search", "{\"filter\":\"name LIKE 'api%'\",\"order_by\":[\"name DESC\"]}")
                .json().path("experiments");

        assertThat(found).hasSize(2);
        assertThat(found.get(0).path("name").asString()).isEqualTo("api-b");
        assertThat(found.get(1).path("name").asString()).isEqualTo("api");
    }

    @Test
    void writesToARunStopWhenItOrItsExperimentIsDeleted() {
        String run = createRun("{\"experiment_id\":\"" + exp + "\"}");
        String point = "{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"m\",\"value\":1,\"timestamp\":1}]}";
        assertThat(s.post("runs/log-batch", point).status()).isEqualTo(200);

        s.post("runs/delete", "{\"run_id\":\"" + run + "\"}");
        assertThat(s.post("runs/log-batch", point).status()).isEqualTo(400);
        s.post("runs/restore", "{\"run_id\":\"" + run + "\"}");
        assertThat(s.post("runs/log-batch", point).status()).isEqualTo(200);
        s.post("experiments/delete", "{\"experiment_id\":\"" + exp + "\"}");
        assertThat(s.post("runs/log-batch", point).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(s.get("runs/get?run_id=" + run).json().path("run").path("info").path("lifecycle_stage").asString())
                .isEqualTo("deleted");
    }

    @Test
    void answersOnTheAjaxPathAsWell() {
        MlflowTestServer.Answer a = s.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(s.uri() + "/ajax-api/2.0/mlflow/experiments/get?experiment_id=0")).GET()
                .build());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("experiment").path("name").asString()).isEqualTo("Default");
    }
}

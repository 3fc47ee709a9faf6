package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.server.mlflow.MlflowTestServer.Answer;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input of issue 2 that the tracking API sees: an MLflow error body, no crash, nothing written. */
class MlflowBadInputTest {
    MlflowTestServer s;
    String exp;
    String run;

    @BeforeEach
    void start() {
        s = MlflowTestServer.memory();
        exp = s.post("experiments/create", "{\"name\":\"bad-input\"}").json().path("experiment_id").asString();
        run = s.post("runs/create", "{\"experiment_id\":\"" + exp + "\"}").json().path("run").path("info")
                .path("run_id").asString();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static void assertError(Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.errorCode()).isEqualTo(code);
        assertThat(a.message()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception", "\tat ", "dev.observatory");
    }

    private static String batch(int n, String key) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add("{\"key\":\"" + key + "\",\"value\":" + i + ",\"timestamp\":\"1700000000000\",\"step\":\"" + i
                    + "\"}");
        }
        return j.toString();
    }

    private int historySize(String key) {
        return s.get("metrics/get-history?run_id=" + run + "&metric_key=" + key).json().path("metrics").size();
    }

    @Test
    void aMalformedFilterNamesThePosition() {
        Answer a = s.post("runs/search",
                "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"metrics.loss < 0.5 and params.lr ~ '1'\"}");

        assertError(a, 400, "INVALID_PARAMETER_VALUE");
        assertThat(a.message()).contains("position 33");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"params.lr = 0.1\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"tags.t = 'open\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"loss < 1\"}"), 400,
                "INVALID_PARAMETER_VALUE");
    }

    @Test
    void unknownExperimentAndRunIdsAreResourceDoesNotExist() {
        assertError(s.get("experiments/get?experiment_id=424242"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.get("experiments/get?experiment_id=abc"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.get("experiments/get-by-name?experiment_name=nope"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.post("runs/create", "{\"experiment_id\":\"99\"}"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.get("runs/get?run_id=ffffffffffffffff"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.post("runs/log-batch", "{\"run_id\":\"nope\",\"metrics\":" + batch(2, "x") + "}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertError(s.get("metrics/get-history?run_id=nope&metric_key=x"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"77\"]}"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void anOversizeBatchIsRefusedWhole() {
        Answer a = s.post("runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":" + batch(1001, "loss") + "}");

        assertError(a, 400, "INVALID_PARAMETER_VALUE");
        assertThat(a.message()).contains("at most 1000 metrics").contains("1001");
        assertThat(historySize("loss")).isZero();
    }

    @Test
    void theBatchLimitCanBeRaisedByConfiguration() {
        try (MlflowTestServer big = MlflowTestServer.memory(5000)) {
            String r = big.post("runs/create", "{}").json().path("run").path("info").path("run_id").asString();

            Answer a = big.post("runs/log-batch", "{\"run_id\":\"" + r + "\",\"metrics\":" + batch(4000, "x") + "}");

            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(big.get("metrics/get-history?run_id=" + r + "&metric_key=x").json().path("metrics").size())
                    .isEqualTo(4000);
        }
    }

    @Test
    void aBatchWithOneBadMetricWritesNothing() {
        String metrics = batch(10, "loss").replace("]", ",{\"key\":\"a..b\",\"value\":1,\"timestamp\":1}]");

        assertError(s.post("runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":" + metrics
                + ",\"params\":[{\"key\":\"lr\",\"value\":\"1\"}]}"), 400, "INVALID_PARAMETER_VALUE");

        assertThat(historySize("loss")).isZero();
        assertThat(s.tracking.getRun(run).params()).isEmpty();
        assertError(s.post("runs/log-batch",
                "{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"x\",\"value\":" + "\"many\",\"timestamp\":1}]}"),
                400, "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/log-metric", "{\"run_id\":\"" + run + "\",\"key\":\"x\",\"value\":1}"), 400,
                "INVALID_PARAMETER_VALUE");
    }

    @Test
    void aBatchBrokenMidwayOrMistypedWritesNothing() {
        String head = "{\"run_id\":\"" + run + "\",\"params\":[{\"key\":\"lr\",\"value\":\"1\"}],\"metrics\":";
        String good = batch(500, "loss");

        assertError(s.post("runs/log-batch", head + good.substring(0, good.length() / 2)), 400, "MALFORMED_REQUEST");
        assertError(s.post("runs/log-batch", head + good.replace("]", ",{\"key\":\"loss\",\"value\":1,}]") + "}"), 400,
                "MALFORMED_REQUEST");
        assertError(s.post("runs/log-batch", head + good + "} trailing"), 400, "MALFORMED_REQUEST");
        Answer mistyped = s.post("runs/log-batch",
                head + good.replace("]", ",{\"key\":\"loss\",\"value\":1,\"timestamp\":[1]}]") + "}");
        assertError(mistyped, 400, "INVALID_PARAMETER_VALUE");
        assertThat(mistyped.message()).contains("'metrics.timestamp'").contains("expected an integer");
        assertError(s.post("runs/log-batch", head + "[{\"key\":{\"k\":1},\"value\":1,\"timestamp\":1}]}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/log-batch", head + "\"loss\"}"), 400, "INVALID_PARAMETER_VALUE");
        Answer oversizeAndBad = s.post("runs/log-batch",
                head + batch(1001, "loss").replace("]", ",{\"key\":\"..\"}]") + "}");
        assertError(oversizeAndBad, 400, "INVALID_PARAMETER_VALUE");
        assertThat(oversizeAndBad.message()).contains("at most 1000 metrics").contains("1002");

        assertThat(historySize("loss")).isZero();
        assertThat(s.tracking.getRun(run).params()).isEmpty();
    }

    @Test
    void aStreamedBatchWritesMetricsParamsAndTagsTogether() {
        Answer a = s.post("runs/log-batch", "{\"metrics\":" + batch(3, "loss") + ",\"tags\":[{\"key\":\"team\","
                + "\"value\":\"ml\"}],\"run_id\":\"" + run + "\",\"params\":[{\"key\":\"lr\",\"value\":\"0.1\"}]}");

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{}");
        assertThat(historySize("loss")).isEqualTo(3);
        assertThat(s.tracking.getRun(run).params()).containsEntry("lr", "0.1");
        assertThat(s.get("runs/get?run_id=" + run).body()).contains("\"team\"");
    }

    @Test
    void nonUtf8BodiesAndBrokenUnicodeTagsAreRefused() {
        byte[] latin1 = ("{\"run_id\":\"" + run + "\",\"key\":\"team\",\"value\":\"caf\u00e9\"}")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertError(s.postBytes("runs/set-tag", latin1), 400, "MALFORMED_REQUEST");
        assertError(s.post("runs/set-tag", "{\"run_id\":\"" + run + "\",\"key\":\"team\",\"value\":\"a\\ud800b\"}"),
                400, "INVALID_PARAMETER_VALUE");
        assertError(s.post("experiments/create", "{\"name\":\"x\",\"tags\":[{\"key\":\"k\",\"value\":\"\\udc00\"}]}"),
                400, "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/set-tag", "not json"), 400, "MALFORMED_REQUEST");

        assertThat(s.tracking.getRun(run).tags()).isEmpty();
        assertThat(s.store.mlflow().runTags(run)).isEmpty();
        assertThat(s.store.projects().get("x")).isEmpty();
    }

    @Test
    void duplicatesChangedParamsAndBadValuesAreRefused() {
        assertError(s.post("experiments/create", "{\"name\":\"bad-input\"}"), 400, "RESOURCE_ALREADY_EXISTS");
        assertError(s.post("experiments/create", "{\"name\":\"has space\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(s.post("experiments/create", "{}"), 400, "INVALID_PARAMETER_VALUE");
        s.post("runs/log-parameter", "{\"run_id\":\"" + run + "\",\"key\":\"lr\",\"value\":\"0.1\"}");
        assertError(s.post("runs/log-parameter", "{\"run_id\":\"" + run + "\",\"key\":\"lr\",\"value\":\"0.2\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertThat(s.tracking.getRun(run).params()).containsEntry("lr", "0.1");
        assertError(s.post("runs/update", "{\"run_id\":\"" + run + "\",\"status\":\"DONE\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"max_results\":50001}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"page_token\":\"garbage\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(s.post("runs/delete-tag", "{\"run_id\":\"" + run + "\",\"key\":\"missing\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void unknownEndpointsAndArtifactsAnswerWithMlflowErrors() {
        Answer unknown = s.get("runs/teleport?run_id=" + run);
        Answer artifacts = s.get("artifacts/get?run_id=" + run);
        Answer wrongMethod = s.get("runs/log-batch");

        assertError(unknown, 404, "ENDPOINT_NOT_FOUND");
        assertError(artifacts, 404, "ENDPOINT_NOT_FOUND");
        assertThat(artifacts.message()).contains("mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>");
        assertError(wrongMethod, 404, "ENDPOINT_NOT_FOUND");
        assertThat(wrongMethod.message()).contains("not allowed");
    }

    @Test
    void aReadOnlyServerRefusesWritesWithPermissionDenied() {
        try (MlflowTestServer ro = MlflowTestServer.readOnly(st -> {
            st.projects().create("frozen", null);
            st.runs().create(dev.observatory.model.NewRun.of("frozen", "r1"));
        })) {
            String id = ro.store.runs().list(dev.observatory.store.RunQuery.all("frozen", 1)).get(0).id();

            assertError(ro.post("experiments/create", "{\"name\":\"new\"}"), 403, "PERMISSION_DENIED");
            assertError(ro.post("runs/log-batch", "{\"run_id\":\"" + id + "\",\"metrics\":" + batch(3, "m") + "}"), 403,
                    "PERMISSION_DENIED");
            assertError(ro.get("experiments/get?experiment_id=0"), 404, "RESOURCE_DOES_NOT_EXIST");
            assertThat(ro.get("runs/get?run_id=" + id).status()).isEqualTo(200);
            assertThat(ro.store.projects().list()).hasSize(1);
        }
    }
}

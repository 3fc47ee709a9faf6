package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/** The official MLflow Java client (org.mlflow:mlflow-client) against a real server over DuckDB. */
class MlflowJavaClientIT {
    @TempDir
    Path dir;
    MlflowTestServer server;
    MlflowClient client;

    @BeforeEach
    void start() {
        server = MlflowTestServer.duckDb(dir);
        client = new MlflowClient(server.uri());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsFindsRenamesTagsDeletesAndRestoresAnExperiment() {
        String id = client.createExperiment("vision");

        assertThat(client.getExperiment(id).getName()).isEqualTo("vision");
        assertThat(client.getExperimentByName("vision")).get().extracting(Experiment::getExperimentId).isEqualTo(id);
        assertThat(client.getExperimentByName("nope")).isEmpty();
        assertThat(client.getExperiment("0").getName()).isEqualTo("Default");

        client.setExperimentTag(id, "team", "cv");
        client.renameExperiment(id, "vision-v2");
        Experiment renamed = client.getExperiment(id);
        assertThat(renamed.getName()).isEqualTo("vision-v2");
        assertThat(renamed.getTagsList()).anyMatch(t -> t.getKey().equals("team") && t.getValue().equals("cv"));
        assertThat(server.tracking.store().projects().get("vision-v2")).isPresent();

        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        assertThat(client.searchExperiments().getItems()).extracting(Experiment::getName).doesNotContain("vision-v2");
        client.restoreExperiment(id);
        assertThat(client.searchExperiments().getItems()).extracting(Experiment::getName).contains("vision-v2",
                "Default");
        assertThatThrownBy(() -> client.createExperiment("vision-v2")).isInstanceOf(MlflowHttpException.class)
                .hasMessageContaining("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void logsParamsMetricsTagsAndABatchOfAThousandThenTerminates() {
        String exp = client.createExperiment("nlp");
        RunInfo info = client.createRun(exp);
        String runId = info.getRunId();
        assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);

        client.logParam(runId, "lr", "0.01");
        client.logMetric(runId, "loss", 0.9, 1000L, 0);
        client.setTag(runId, "team", "ml-research");
        client.setTag(runId, "mlflow.source.name", "/a/very/long/path/".repeat(10) + "train.py");
        List<Metric> metrics = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            metrics.add(Metric.newBuilder().setKey(i % 2 == 0 ? "loss" : "acc").setValue(1.0 / i)
                    .setTimestamp(1000L + i).setStep(i).build());
        }
        client.logBatch(runId, metrics, null, null);
        client.logBatch(runId, null, List.of(Param.newBuilder().setKey("epochs").setValue("10").build()),
                List.of(RunTag.newBuilder().setKey("stage").setValue("dev").build()));
        client.setTerminated(runId);

        org.mlflow.api.proto.Service.Run run = client.getRun(runId);
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.getInfo().getEndTime()).isPositive();
        Map<String, String> params = run.getData().getParamsList().stream()
                .collect(Collectors.toMap(Param::getKey, Param::getValue));
        assertThat(params).containsEntry("lr", "0.01").containsEntry("epochs", "10");
        Map<String, Double> latest = run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
        assertThat(latest).containsEntry("loss", 1.0 / 1000).containsEntry("acc", 1.0 / 999);
        Map<String, String> tags = run.getData().getTagsList().stream()
                .collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
        assertThat(tags).containsEntry("team", "ml-research").containsEntry("stage", "dev")
                .containsKey("mlflow.source.name");
        assertThat(client.getMetricHistory(runId, "loss")).hasSize(501);

        Run observed = server.tracking.getRun(runId);
        assertThat(observed.tags()).contains("team=ml-research", "stage=dev");
        assertThat(observed.params()).containsEntry("lr", "0.01");
        assertThat(server.tracking.metricSummary(runId, "loss").count()).isEqualTo(501);
        assertThatThrownBy(() -> client.logParam(runId, "lr", "0.02")).isInstanceOf(MlflowHttpException.class)
                .hasMessageContaining("INVALID_PARAMETER_VALUE");
    }

    @Test
    void searchesRunsWithAFilterAndAnOrderAcrossPages() {
        String exp = client.createExperiment("sweep");
        for (int i = 0; i < 30; i++) {
            String id = client.createRun(exp).getRunId();
            client.logParam(id, "lr", i % 2 == 0 ? "0.01" : "0.1");
            client.setTag(id, "team", i % 3 == 0 ? "ops" : "ml-" + i);
            client.logMetric(id, "loss", i / 30.0, 1L, 0);
            if (i % 5 != 0) {
                client.setTerminated(id);
            }
        }
        String filter = "metrics.loss < 0.5 and params.lr = '0.01' and tags.team LIKE 'ml%'"
                + " and attributes.status = 'FINISHED'";

        RunsPage first = client.searchRuns(List.of(exp), filter, ViewType.ACTIVE_ONLY, 2, List.of("metrics.loss DESC"));
        List<Double> losses = new ArrayList<>();
        RunsPage page = first;
        while (true) {
            page.getItems().forEach(r -> losses.add(r.getData().getMetrics(0).getValue()));
            if (!page.hasNextPage()) {
                break;
            }
            page = (RunsPage) page.getNextPage();
        }

        // i even, i % 3 != 0, i % 5 != 0, i < 15: 2, 4, 8, 14
        assertThat(losses).containsExactly(14 / 30.0, 8 / 30.0, 4 / 30.0, 2 / 30.0);
        assertThat(first.getItems()).hasSize(2);
        assertThatThrownBy(() -> client.searchRuns(List.of(exp), "metrics.loss <> 1"))
                .isInstanceOf(MlflowHttpException.class).hasMessageContaining("position");
    }

    @Test
    void deletedRunsLeaveSearchAndAreMarkedOnOtherSurfaces() {
        String exp = client.createExperiment("cleanup");
        String keep = client.createRun(exp).getRunId();
        String drop = client.createRun(exp).getRunId();

        client.deleteRun(drop);

        assertThat(client.searchRuns(List.of(exp), null)).extracting(RunInfo::getRunId).containsExactly(keep);
        assertThat(client.searchRuns(List.of(exp), null, ViewType.DELETED_ONLY)).extracting(RunInfo::getRunId)
                .containsExactly(drop);
        assertThat(client.getRun(drop).getInfo().getLifecycleStage()).isEqualTo("deleted");
        assertThat(server.tracking.getRun(drop).tags()).contains(RunTags.DELETED_LABEL);
        assertThatThrownBy(() -> client.logMetric(drop, "x", 1)).isInstanceOf(MlflowHttpException.class);

        client.restoreRun(drop);
        assertThat(client.searchRuns(List.of(exp), null)).hasSize(2);
        assertThat(server.store.runs().list(RunQuery.all("cleanup", 10))).extracting(Run::id)
                .containsExactlyInAnyOrder(keep, drop);
    }

    @Test
    void readsAHundredThousandPointHistoryInOneCall() {
        String runId = client.createRun().getRunId();
        for (int b = 0; b < 100; b++) {
            List<Metric> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                int step = b * 1000 + i;
                batch.add(Metric.newBuilder().setKey("loss").setValue(Math.exp(-step / 20_000.0))
                        .setTimestamp(1_700_000_000_000L + step).setStep(step).build());
            }
            client.logBatch(runId, batch, null, null);
        }

        List<Metric> history = client.getMetricHistory(runId, "loss");

        assertThat(history).hasSize(100_000);
        assertThat(history.get(0).getStep()).isZero();
        assertThat(history.get(99_999).getStep()).isEqualTo(99_999);
        assertThat(history.get(12_345).getValue()).isEqualTo(Math.exp(-12_345 / 20_000.0));
        assertThat(history.get(12_345).getTimestamp()).isEqualTo(1_700_000_000_000L + 12_345);
    }
}

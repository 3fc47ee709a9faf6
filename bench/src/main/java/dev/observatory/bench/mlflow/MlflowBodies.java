package dev.observatory.bench.mlflow;

import java.util.ArrayList;
import java.util.List;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.LogBatch;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.SearchRuns;
import org.mlflow.api.proto.Service.SetExperimentTag;
import org.mlflow.api.proto.Service.UpdateRun;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow_project.google.protobuf.MessageOrBuilder;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * Request bodies exactly as the official MLflow Java client writes them: the client's own protobuf messages printed
 * with the same JsonFormat settings as its MlflowProtobufMapper (proto field names, int64 as strings).
 */
final class MlflowBodies {
    private MlflowBodies() {
    }

    static String print(MessageOrBuilder m) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().print(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String createExperiment(String name) {
        return print(CreateExperiment.newBuilder().setName(name));
    }

    static String createRun(String experimentId) {
        return print(CreateRun.newBuilder().setExperimentId(experimentId).setStartTime(System.currentTimeMillis())
                .setUserId("bench"));
    }

    /** What MlflowClient.logBatch sends for {@code n} points of one key starting at {@code firstStep}. */
    static String logBatch(String runId, String key, int firstStep, int n) {
        List<Metric> metrics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int step = firstStep + i;
            metrics.add(Metric.newBuilder().setKey(key).setValue(Math.exp(-step / 20_000.0) + 0.001 * (step % 7))
                    .setTimestamp(1_700_000_000_000L + step).setStep(step).build());
        }
        return print(LogBatch.newBuilder().setRunId(runId).addAllMetrics(metrics));
    }

    static String logBatchOfRun(String runId, double loss, String lr, String team) {
        return print(LogBatch.newBuilder().setRunId(runId)
                .addMetrics(Metric.newBuilder().setKey("loss").setValue(loss).setTimestamp(1L).setStep(0))
                .addParams(Param.newBuilder().setKey("lr").setValue(lr))
                .addTags(RunTag.newBuilder().setKey("team").setValue(team)));
    }

    /** One metric and one MLflow side tag for a run (a write that makes every cached read of the run stale). */
    static String touch(String runId, int n) {
        return print(LogBatch.newBuilder().setRunId(runId)
                .addMetrics(Metric.newBuilder().setKey("touch").setValue(n).setTimestamp(n).setStep(n))
                .addTags(RunTag.newBuilder().setKey("mlflow.touched").setValue(Integer.toString(n))));
    }

    static String experimentTag(String experimentId, int n) {
        return print(SetExperimentTag.newBuilder().setExperimentId(experimentId).setKey("touched")
                .setValue(Integer.toString(n)));
    }

    static String finish(String runId) {
        return print(UpdateRun.newBuilder().setRunUuid(runId).setRunId(runId).setStatus(RunStatus.FINISHED)
                .setEndTime(System.currentTimeMillis()));
    }

    /** What MlflowClient.searchRuns(ids, filter, ACTIVE_ONLY, max, orderBy, null) sends. */
    static String searchRuns(String experimentId, String filter, int maxResults, String orderBy) {
        return print(SearchRuns.newBuilder().addExperimentIds(experimentId).addOrderBy(orderBy)
                .setMaxResults(maxResults).setFilter(filter).setRunViewType(ViewType.ACTIVE_ONLY));
    }

    /** The URL MlflowClient.getMetricHistory requests (its URIBuilder parameters, in its order). */
    static String historyPath(String runId, String key) {
        return "/api/2.0/mlflow/metrics/get-history?run_uuid=" + runId + "&run_id=" + runId + "&metric_key=" + key
                + "&max_results=25000";
    }
}

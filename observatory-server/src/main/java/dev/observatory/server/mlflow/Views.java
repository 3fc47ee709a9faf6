package dev.observatory.server.mlflow;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Project;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowSearchRow.LatestMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** MLflow's JSON entities (Experiment, RunInfo, RunData, Metric...) written to a streaming generator. */
final class Views {
    private Views() {
    }

    /** MLflow's name of a run status: SCHEDULED for queued, FAILED for crashed, else the same name. */
    static String status(RunStatus s) {
        return switch (s) {
            case QUEUED -> "SCHEDULED";
            case CRASHED -> "FAILED";
            default -> s.name();
        };
    }

    static RunStatus status(String mlflow) {
        return switch (mlflow.toUpperCase(Locale.ROOT)) {
            case "RUNNING" -> RunStatus.RUNNING;
            case "SCHEDULED" -> RunStatus.QUEUED;
            case "FINISHED" -> RunStatus.FINISHED;
            case "FAILED" -> RunStatus.FAILED;
            case "KILLED" -> RunStatus.KILLED;
            default -> throw MlflowException.invalid("Invalid value '" + mlflow + "' for parameter 'status':"
                    + " use one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED");
        };
    }

    static String artifactRoot(long experimentId) {
        return "mlflow-artifacts:/" + experimentId;
    }

    static void experiment(JsonGenerator g, MlflowExperiment e, Project p) {
        g.writeStartObject();
        g.writeStringProperty("experiment_id", Long.toString(e.id()));
        g.writeStringProperty("name", e.project());
        g.writeStringProperty("artifact_location", artifactRoot(e.id()));
        g.writeStringProperty("lifecycle_stage", e.deleted() ? "deleted" : "active");
        g.writeNumberProperty("last_update_time", e.updatedAt().toEpochMilli());
        g.writeNumberProperty("creation_time",
                p == null || p.createdAt() == null ? e.updatedAt().toEpochMilli() : p.createdAt().toEpochMilli());
        tags(g, "tags", e.tags());
        g.writeEndObject();
    }

    /** An MLflow FileInfo: path, is_dir, and file_size for files. */
    static void fileInfo(JsonGenerator g, ArtifactListing.FileInfo f) {
        g.writeStartObject();
        g.writeStringProperty("path", f.path());
        g.writeBooleanProperty("is_dir", f.dir());
        if (!f.dir()) {
            g.writeNumberProperty("file_size", f.size());
        }
        g.writeEndObject();
    }

    static void tags(JsonGenerator g, String field, Map<String, String> tags) {
        g.writeArrayPropertyStart(field);
        for (Map.Entry<String, String> t : tags.entrySet()) {
            g.writeStartObject();
            g.writeStringProperty("key", t.getKey());
            g.writeStringProperty("value", t.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void runInfo(JsonGenerator g, Run r, long experimentId, boolean deleted, Map<String, String> side) {
        g.writeStartObject();
        g.writeStringProperty("run_id", r.id());
        g.writeStringProperty("run_uuid", r.id());
        g.writeStringProperty("run_name", MlflowRuns.runName(r, side));
        g.writeStringProperty("experiment_id", Long.toString(experimentId));
        if (r.user() != null) {
            g.writeStringProperty("user_id", r.user());
        }
        g.writeStringProperty("status", status(r.status()));
        Instant start = r.startedAt() != null ? r.startedAt() : r.createdAt();
        g.writeNumberProperty("start_time", start.toEpochMilli());
        if (r.endedAt() != null) {
            g.writeNumberProperty("end_time", r.endedAt().toEpochMilli());
        }
        g.writeStringProperty("artifact_uri", artifactRoot(experimentId) + "/" + r.id() + "/artifacts");
        g.writeStringProperty("lifecycle_stage", deleted ? "deleted" : "active");
        g.writeEndObject();
    }

    /** The latest point of each summary, in the summaries' order. */
    static List<LatestMetric> latest(Collection<MetricSummary> summaries) {
        List<LatestMetric> out = new ArrayList<>(summaries.size());
        for (MetricSummary m : summaries) {
            out.add(new LatestMetric(m.key(), m.last(), m.lastTimestampMs(), m.lastStep()));
        }
        return out;
    }

    /** A whole Run: info, data (latest metrics, params, tags) and inputs (datasets as logged). */
    static void run(JsonGenerator g, Run r, long experimentId, boolean deleted, Map<String, String> side,
            Collection<LatestMetric> metrics, Collection<String> inputs) {
        g.writeStartObject();
        g.writeName("info");
        runInfo(g, r, experimentId, deleted, side);
        g.writeObjectPropertyStart("data");
        g.writeArrayPropertyStart("metrics");
        for (LatestMetric m : metrics) {
            metric(g, m.key(), m.value(), m.timestampMs(), m.step());
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("params");
        for (Map.Entry<String, String> p : MlflowRuns.params(r).entrySet()) {
            g.writeStartObject();
            g.writeStringProperty("key", p.getKey());
            g.writeStringProperty("value", p.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        tags(g, "tags", MlflowRuns.tagView(r, side));
        g.writeEndObject();
        g.writeObjectPropertyStart("inputs");
        g.writeArrayPropertyStart("dataset_inputs");
        for (String in : inputs) {
            g.writeRawValue(in);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    static void metric(JsonGenerator g, String key, double value, long timestampMs, long step) {
        g.writeStartObject();
        g.writeStringProperty("key", key);
        g.writeName("value");
        MlflowJson.number(g, value);
        g.writeNumberProperty("timestamp", timestampMs);
        g.writeNumberProperty("step", step);
        g.writeEndObject();
    }
}

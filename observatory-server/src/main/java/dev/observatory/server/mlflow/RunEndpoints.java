package dev.observatory.server.mlflow;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.MlflowExperiment;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** runs/create, get, update, delete, restore, set-tag, delete-tag, log-parameter and log-inputs. */
final class RunEndpoints {
    private final MlflowRuns runs;

    RunEndpoints(MlflowRuns runs) {
        this.runs = runs;
    }

    void register(MlflowServlet s) {
        s.post("runs/create", this::create);
        s.get("runs/get", this::get);
        s.post("runs/update", this::update);
        s.post("runs/delete", (req, reply) -> lifecycle(req, reply, true));
        s.post("runs/restore", (req, reply) -> lifecycle(req, reply, false));
        s.post("runs/set-tag", this::setTag);
        s.post("runs/delete-tag", this::deleteTag);
        s.post("runs/log-parameter", this::logParam);
        s.post("runs/log-inputs", this::logInputs);
    }

    private void create(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String expId = req.string("experiment_id");
        MlflowExperiment e = expId == null || expId.isEmpty() ? runs.defaultExperiment() : runs.experiment(expId);
        Map<String, String> tags = keyValues(req.node("tags"), "tags");
        Run r = runs.create(req.actor(), e, req.string("user_id"), req.string("run_name"), req.longValue("start_time"),
                tags);
        writeRun(reply, "run", runs.run(r.id()), e);
    }

    /** A list of {key, value} objects as an ordered map; every key and value checked as text. */
    static Map<String, String> keyValues(JsonNode list, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw MlflowException.invalid("Invalid value " + list + " for parameter '" + field
                    + "': expected a list of {key, value} objects");
        }
        for (JsonNode kv : list.values()) {
            JsonNode k = kv.get("key");
            JsonNode v = kv.get("value");
            if (k == null || k.isNull() || !k.isValueNode()) {
                throw MlflowRequest.missing(field + ".key");
            }
            String value = v == null || v.isNull() ? "" : v.isString() ? v.stringValue() : v.asString();
            out.put(MlflowRequest.checkText(field, k.isString() ? k.stringValue() : k.asString()),
                    MlflowRequest.checkText(field, value));
        }
        return out;
    }

    private void get(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.run(req.runId());
        writeRun(reply, "run", r, runs.experimentOf(r));
    }

    private void writeRun(MlflowServlet.Reply reply, String field, Run r, MlflowExperiment e) throws IOException {
        Map<String, String> side = runs.store.runTags(r.id());
        List<MetricSummary> metrics = runs.tracking.store().metrics().summaries(r.id());
        var inputs = runs.store.inputs(r.id()).values();
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeName(field);
        Views.run(g, r, e.id(), runs.deleted(r, e), side, Views.latest(metrics), inputs);
        g.writeEndObject();
    }

    private void update(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.activeRun(req.runId());
        String status = req.string("status");
        Long end = req.longValue("end_time");
        String name = req.string("run_name");
        RunStatus s = status == null || status.isEmpty() ? null : Views.status(status);
        if (name != null && !name.isEmpty()) {
            runs.rename(req.actor(), r, name, runs.store.runTags(r.id()));
        }
        if (s != null || end != null) {
            Instant ended = end == null || end <= 0 ? null : Instant.ofEpochMilli(end);
            RunStatus target = s != null ? s : r.status();
            if (!target.terminal()) {
                ended = null;
            }
            runs.tracking.updateRun(req.actor(), r.id(), new RunPatch(null, s, null, null, null, ended, null));
        }
        Run after = runs.run(r.id());
        MlflowExperiment e = runs.experimentOf(after);
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeName("run_info");
        Views.runInfo(g, after, e.id(), runs.deleted(after, e), runs.store.runTags(r.id()));
        g.writeEndObject();
    }

    private void lifecycle(MlflowRequest req, MlflowServlet.Reply reply, boolean delete) throws IOException {
        Run r = runs.run(req.runId());
        runs.setDeleted(req.actor(), r, delete);
        reply.empty();
    }

    private void setTag(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.activeRun(req.runId());
        String key = req.string("key");
        String value = req.string("value");
        MlflowLimits.checkTag(key, value == null ? "" : value);
        runs.setTags(req.actor(), r, Map.of(key, value == null ? "" : value), List.of());
        reply.empty();
    }

    private void deleteTag(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.activeRun(req.runId());
        String key = req.required("key");
        Map<String, String> side = runs.store.runTags(r.id());
        if (!RunTags.view(r.tags(), side).containsKey(key)) {
            throw MlflowException.notFound("No tag with name: " + key + " in run with id " + r.id());
        }
        runs.setTags(req.actor(), r, Map.of(), List.of(key));
        reply.empty();
    }

    private void logParam(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.activeRun(req.runId());
        Map<String, String> p = new LinkedHashMap<>();
        p.put(req.string("key"), req.string("value"));
        runs.logParams(req.actor(), r, MlflowRuns.newParams(r, p));
        reply.empty();
    }

    /** Datasets are kept as sent (one per name and digest) and returned with the run. */
    private void logInputs(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Run r = runs.activeRun(req.runId());
        JsonNode datasets = req.node("datasets");
        Map<String, String> inputs = new LinkedHashMap<>();
        if (datasets != null) {
            if (!datasets.isArray()) {
                throw MlflowException.invalid("Invalid value for parameter 'datasets': expected a list");
            }
            for (JsonNode in : datasets.values()) {
                JsonNode d = in.get("dataset");
                if (d == null || !d.isObject()) {
                    throw MlflowRequest.missing("datasets.dataset");
                }
                String name = MlflowRequest.checkText("dataset.name", d.path("name").asString(""));
                String digest = MlflowRequest.checkText("dataset.digest", d.path("digest").asString(""));
                if (name.isEmpty() || digest.isEmpty()) {
                    throw MlflowException.invalid("a dataset needs a name and a digest");
                }
                String body = MlflowJson.MAPPER.writeValueAsString(in);
                MlflowRequest.checkText("datasets", body);
                inputs.put(name + "\n" + digest, body);
            }
        }
        if (!inputs.isEmpty()) {
            runs.store.addInputs(r.id(), inputs);
        }
        reply.empty();
    }
}

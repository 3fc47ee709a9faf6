package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.anyObject;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.metricValue;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How runs and metric summaries look in tool answers, and their output schemas. */
final class RunViews {
    static final Map<String, Object> STATUS = Map.of("type", "string", "enum",
            List.of("queued", "running", "finished", "failed", "killed", "crashed"), "description", "run status");

    static final Map<String, Object> ROW_SCHEMA = Schemas.object("one run, compact")
            .prop("id", string("run id; pass as run_id to get_run and the other run tools"), true)
            .prop("name", string("run name, unique in its project"), true).prop("project", string("project name"), true)
            .prop("status", STATUS, true).prop("tags", array(string(null), "tags"))
            .prop("user", string("who started it")).prop("started_at", string("ISO-8601"))
            .prop("ended_at", string("ISO-8601, absent while running"))
            .prop("metrics", mapOf(metricValue("last value"), "last value of each requested metric the run has"))
            .prop("url", string("link to the run in the web UI")).build();

    static final Map<String, Object> SUMMARY_SCHEMA = Schemas.object("summary of one metric series")
            .prop("key", string("metric key"), true).prop("count", integer("points logged"), true)
            .prop("nan_count", integer("points that were NaN or infinite"), true)
            .prop("first", metricValue("value at the first step")).prop("first_step", integer(null))
            .prop("last", metricValue("value at the highest step")).prop("last_step", integer(null))
            .prop("min", metricValue("smallest finite value")).prop("argmin_step", integer("step of the minimum"))
            .prop("max", metricValue("largest finite value")).prop("argmax_step", integer("step of the maximum"))
            .build();

    static final Map<String, Object> DETAIL_SCHEMA = Schemas.object("the run with every attribute")
            .prop("id", string("run id"), true).prop("name", string("run name"), true)
            .prop("project", string("project name"), true).prop("status", STATUS, true).prop("user", string(null))
            .prop("tags", array(string(null), "tags"))
            .prop("params", anyObject("configuration / hyper-parameters as logged (nested JSON)"))
            .prop("notes", string(null)).prop("created_at", string("ISO-8601")).prop("started_at", string("ISO-8601"))
            .prop("ended_at", string("ISO-8601")).prop("heartbeat_at", string("last sign of life, ISO-8601"))
            .prop("duration_seconds", number("run time so far (running) or in total")).prop("git_commit", string(null))
            .prop("host", string(null)).prop("url", string("link to the run in the web UI")).build();

    private RunViews() {
    }

    static Obj row(Run r, Map<String, MetricSummary> metrics, List<String> keys, Links links) {
        Obj m = null;
        for (String k : keys) {
            MetricSummary s = metrics.get(k);
            if (s != null) {
                m = m == null ? Obj.of() : m;
                m.with(k, Json.num(s.last()));
            }
        }
        return Obj.of().with("id", r.id()).with("name", r.name()).with("project", r.project())
                .with("status", r.status().wire()).with("tags", r.tags().isEmpty() ? null : r.tags())
                .with("user", r.user()).with("started_at", Json.time(r.startedAt()))
                .with("ended_at", Json.time(r.endedAt())).with("metrics", m).with("url", links.run(r.id()));
    }

    static Obj detail(Run r, Instant now, Links links) {
        return Obj.of().with("id", r.id()).with("name", r.name()).with("project", r.project())
                .with("status", r.status().wire()).with("user", r.user()).with("tags", r.tags())
                .with("params", r.params()).with("notes", r.notes()).with("created_at", Json.time(r.createdAt()))
                .with("started_at", Json.time(r.startedAt())).with("ended_at", Json.time(r.endedAt()))
                .with("heartbeat_at", Json.time(r.heartbeatAt())).with("duration_seconds", duration(r, now))
                .with("git_commit", r.gitCommit()).with("host", r.host()).with("url", links.run(r.id()));
    }

    static Double duration(Run r, Instant now) {
        if (r.startedAt() == null) {
            return null;
        }
        Instant end = r.endedAt() != null ? r.endedAt() : r.status().terminal() ? r.heartbeatAt() : now;
        if (end == null) {
            return null;
        }
        return Duration.between(r.startedAt(), end).toMillis() / 1000.0;
    }

    static Obj summary(MetricSummary s) {
        Obj o = Obj.of().with("key", s.key()).with("count", s.count()).with("nan_count", s.nanCount());
        if (s.count() == 0) {
            return o;
        }
        return o.with("first", Json.num(s.first())).with("first_step", s.firstStep()).with("last", Json.num(s.last()))
                .with("last_step", s.lastStep()).with("min", Json.num(s.min())).with("argmin_step", s.argMinStep())
                .with("max", Json.num(s.max())).with("argmax_step", s.argMaxStep());
    }
}

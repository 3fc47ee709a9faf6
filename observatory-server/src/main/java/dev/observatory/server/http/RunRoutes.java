package dev.observatory.server.http;

import dev.observatory.core.RunPage;
import dev.observatory.core.RunRow;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import java.io.IOException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/runs}: create, list (filters, sort, cursor pages), get, patch, finish, heartbeat. */
final class RunRoutes {
    private static final Set<String> NEW_RUN_FIELDS = Set.of("project", "name", "status", "user", "tags", "params",
            "notes", "git_commit", "host", "started_at");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "status", "tags", "params", "notes", "ended_at",
            "heartbeat_at");
    private final Tracking tracking;

    RunRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("POST", "/api/v1/runs", this::create);
        r.add("GET", "/api/v1/runs", this::list);
        r.add("GET", "/api/v1/runs/{id}", this::get);
        r.add("PATCH", "/api/v1/runs/{id}", this::patch);
        r.add("POST", "/api/v1/runs/{id}/finish", this::finish);
        r.add("POST", "/api/v1/runs/{id}/heartbeat", this::heartbeat);
    }

    private void create(Call call) throws IOException {
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, NEW_RUN_FIELDS);
        NewRun nr = new NewRun(Bodies.requiredString(b, "project"), Bodies.string(b, "name"),
                Bodies.status(b, "status"), Bodies.string(b, "user"), Bodies.stringList(b, "tags"),
                Bodies.object(b, "params"), Bodies.string(b, "notes"), Bodies.instant(b, "started_at"),
                Bodies.string(b, "git_commit"), Bodies.string(b, "host"));
        Run run = tracking.createRun(call.actor(), nr);
        call.header("Location", "/api/v1/runs/" + run.id());
        call.json(201, g -> Wire.run(g, run));
    }

    private void get(Call call) throws IOException {
        call.query().expect(Set.of());
        Run run = tracking.getRun(call.path("id"));
        call.json(200, g -> Wire.run(g, run));
    }

    private void patch(Call call) throws IOException {
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, PATCH_FIELDS);
        RunPatch p = new RunPatch(Bodies.string(b, "name"), Bodies.status(b, "status"), Bodies.stringList(b, "tags"),
                Bodies.object(b, "params"), Bodies.string(b, "notes"), Bodies.instant(b, "ended_at"),
                Bodies.instant(b, "heartbeat_at"));
        Run run = tracking.updateRun(call.actor(), call.path("id"), p);
        call.json(200, g -> Wire.run(g, run));
    }

    private void finish(Call call) throws IOException {
        JsonNode b = call.jsonOrNull();
        RunStatus status = RunStatus.FINISHED;
        java.time.Instant endedAt = null;
        if (b != null) {
            Bodies.allowOnly(b, Set.of("status", "ended_at"));
            RunStatus s = Bodies.status(b, "status");
            if (s != null && !s.terminal()) {
                throw HttpError.badRequest("a run finishes as finished, failed, killed or crashed, not " + s.wire());
            }
            status = s == null ? status : s;
            endedAt = Bodies.instant(b, "ended_at");
        }
        Run run = tracking.updateRun(call.actor(), call.path("id"),
                new RunPatch(null, status, null, null, null, endedAt, null));
        call.json(200, g -> Wire.run(g, run));
    }

    private void heartbeat(Call call) throws IOException {
        JsonNode b = call.jsonOrNull();
        if (b != null) {
            Bodies.allowOnly(b, Set.of());
        }
        Run run = tracking.updateRun(call.actor(), call.path("id"), RunPatch.heartbeat(tracking.clock().instant()));
        call.json(200, g -> Wire.run(g, run));
    }

    private void list(Call call) throws IOException {
        RunPage page = tracking.listRuns(RunListQuery.parse(call.query()));
        call.json(200, g -> {
            g.writeStartObject();
            g.writeName("runs");
            g.writeStartArray();
            for (RunRow row : page.rows()) {
                Wire.runRow(g, row);
            }
            g.writeEndArray();
            Json.stringOrNull(g, "next_cursor", page.nextCursor());
            g.writeNumberProperty("total", page.total());
            g.writeEndObject();
        });
    }
}

package dev.observatory.server.http;

import dev.observatory.core.ProjectInfo;
import dev.observatory.core.Tracking;
import dev.observatory.model.Project;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/projects}: list, create, get. */
final class ProjectRoutes {
    private final Tracking tracking;

    ProjectRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/projects", this::list);
        r.add("POST", "/api/v1/projects", this::create);
        r.add("GET", "/api/v1/projects/{name}", this::get);
    }

    private void list(Call call) throws IOException {
        call.query().expect(Set.of());
        List<ProjectInfo> projects = tracking.listProjects();
        call.json(200, g -> {
            g.writeStartObject();
            g.writeName("projects");
            g.writeStartArray();
            projects.forEach(p -> Wire.project(g, p));
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void create(Call call) throws IOException {
        JsonNode body = call.jsonObject();
        Bodies.allowOnly(body, Set.of("name", "description"));
        Project p = tracking.createProject(call.actor(), Bodies.requiredString(body, "name"),
                Bodies.string(body, "description"));
        call.json(201, g -> Wire.project(g, p));
    }

    private void get(Call call) throws IOException {
        call.query().expect(Set.of());
        ProjectInfo p = tracking.getProject(call.path("name"));
        call.json(200, g -> Wire.project(g, p));
    }
}

package dev.observatory.mcp.release;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.release.DockerTemplate;
import dev.observatory.core.release.ReleaseConflict;
import dev.observatory.core.release.ReleaseDeployment;
import dev.observatory.core.release.ReleaseYamlException;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import java.util.Map;

/** JSON views and schemas shared by the release tools. */
final class ReleaseViews {
    static final Map<String, Object> DEPLOYMENT = Schemas.object("one deployment of a release config")
            .prop("name", string("unique on the machine"), true).prop("model", string("registered model"), true)
            .prop("version", string("version number or alias"), true)
            .prop("template", string("serving template (list_docker_templates)"), true)
            .prop("replicas", integer(null), true).prop("ports", array(integer(null), "one per replica"), true)
            .prop("gpus", array(integer(null), "GPU ids it holds"), true)
            .prop("env", mapOf(string(null), "extra environment")).prop("line", integer("line in the file")).build();
    static final Map<String, Object> CONFLICT = Schemas.object("a topology conflict")
            .prop("kind",
                    string("gpu_double_assigned, gpu_out_of_range, port_clash, unknown_model_version,"
                            + " unknown_template, duplicate_machine, duplicate_deployment or invalid_file"),
                    true)
            .prop("machine", string(null)).prop("file", string("file in the release repository"), true)
            .prop("line", integer("1-based line; 0 when unknown"), true).prop("message", string(null), true).build();
    static final Map<String, Object> FILE_ERROR = Schemas.object("a release config file that cannot be read")
            .prop("file", string(null), true).prop("line", integer(null), true).prop("message", string(null), true)
            .build();
    static final Map<String, Object> TEMPLATE = Schemas.object("a serving template").prop("name", string(null), true)
            .prop("api", string("openai, tgi, triton or custom"), true).prop("description", string(null), true)
            .prop("image", string("container image"), true)
            .prop("command",
                    array(string(null),
                            "serving command; {model}, {model_path}, {port}, {gpu_count} and"
                                    + " {gpus} are filled in per deployment"),
                    true)
            .prop("port", integer("port the server listens on"), true).prop("health_path", string(null), true)
            .prop("source", string("builtin, or its file in the release repository"), true).build();

    private ReleaseViews() {
    }

    static Obj deployment(ReleaseDeployment d) {
        return Obj.of().with("name", d.name()).with("model", d.model()).with("version", d.version())
                .with("template", d.template()).with("replicas", d.replicas()).with("ports", d.ports())
                .with("gpus", d.gpus()).with("env", d.env().isEmpty() ? null : d.env())
                .with("line", d.line() > 0 ? d.line() : null);
    }

    static Obj conflict(ReleaseConflict c) {
        return Obj.of().with("kind", c.kind()).with("machine", c.machine()).with("file", c.file())
                .with("line", c.line()).with("message", c.message());
    }

    static Obj fileError(ReleaseYamlException e) {
        return Obj.of().with("file", e.file()).with("line", e.line()).with("message", e.getMessage());
    }

    static Obj template(DockerTemplate t) {
        return Obj.of().with("name", t.name()).with("api", t.api()).with("description", t.description())
                .with("image", t.image()).with("command", t.command()).with("port", t.port())
                .with("health_path", t.healthPath()).with("source", t.source());
    }
}

package dev.observatory.mcp.registry;

import dev.observatory.core.Tracking;
import dev.observatory.mcp.tool.Links;
import dev.observatory.model.Run;
import dev.observatory.store.NotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;

/** The register_model prompt: register a run's weights as a new model version, check it and promote it. */
public final class RegisterModelPrompt {
    public static final String NAME = "register_model";

    private RegisterModelPrompt() {
    }

    public static SyncPromptSpecification spec(Tracking tracking, Links links) {
        Prompt prompt = new Prompt(NAME, "Register a model version",
                "Register the weights of a run as a new version of a registered model, compare it with the current"
                        + " champion and promote it, using get_run, list_models, create_model, create_version,"
                        + " compare_versions and promote_version.",
                List.of(new PromptArgument("run_id", "Run id", "Id of the run whose checkpoint to register.", true),
                        new PromptArgument("model", "Model name",
                                "Registered model to add the version to (created when missing).", false),
                        new PromptArgument("source", "Checkpoint URI", "Where the weights are, e.g. s3://...", false)));
        return new SyncPromptSpecification(prompt, (exchange, req) -> {
            Map<String, Object> a = req.arguments() == null ? Map.of() : req.arguments();
            if (!(a.get("run_id") instanceof String runId) || runId.isBlank()) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("register_model needs the argument run_id, e.g. {\"run_id\": \"3f9a1c2b7d4e5f60\"}")
                        .build();
            }
            try {
                String text = text(tracking, links, runId, string(a.get("model")), string(a.get("source")));
                return new GetPromptResult("Register run " + runId + " as a model version",
                        List.of(new PromptMessage(Role.USER, new TextContent(text))));
            } catch (NotFoundException | IllegalArgumentException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
            }
        });
    }

    private static String string(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }

    static String text(Tracking tracking, Links links, String runId, String model, String source) {
        Run r = tracking.getRun(runId);
        String name = model != null ? model : r.project();
        String src = source != null ? "source=\"" + source + "\"" : "source=<the checkpoint URI, ask if unknown>";
        return """
                Register the Observatory run %1$s ("%2$s" in project %3$s, status %4$s) as a new version of the \
                registered model "%5$s".

                1. get_run run_id=%1$s: check that the run finished and that its metrics look healthy; if it failed,
                   crashed or is still running, stop and tell the user instead of registering it.
                2. list_models search="%5$s": find the model. If it does not exist, ask the user to confirm the name,
                   then create_model name="%5$s" with a one-line description.
                3. create_version model="%5$s" run_id=%1$s %6$s with a short description of what changed; the
                   run's last metric values are recorded as the version's metrics snapshot.
                4. get_model model="%5$s": find the current champion (alias champion, or the Production version).
                   If there is one, compare_versions model="%5$s" versions=[champion, <new version>] and summarize
                   which metrics improved or regressed and which params differ.
                5. Only if the user agrees: promote_version model="%5$s" version=<new version> alias="champion"
                   (and/or stage="Production" archive_existing=true). Report the version number, its link
                   (observatory://versions/<id>) and the run: %7$s
                """.formatted(runId, r.name(), r.project(), r.status().wire(), name, src,
                links.run(runId) != null ? links.run(runId) : "observatory://runs/" + runId);
    }
}

package dev.observatory.mcp.tracking;

import dev.observatory.core.Tracking;
import dev.observatory.mcp.tool.Links;
import dev.observatory.model.MetricSummary;
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

/** The triage_run prompt: a step-by-step plan for finding out what happened to a run with Observatory's tools. */
public final class TriageRunPrompt {
    public static final String NAME = "triage_run";

    private TriageRunPrompt() {
    }

    public static SyncPromptSpecification spec(Tracking tracking, Links links) {
        Prompt prompt = new Prompt(NAME, "Triage a run",
                "Find out whether a run is healthy, diverged, plateaued, crashed or stalled, with evidence and next"
                        + " steps, using get_run, get_run_metrics, get_run_logs and list_runs.",
                List.of(new PromptArgument("run_id", "Run id",
                        "Id of the run to triage (list_runs or search shows" + " ids).", true)));
        return new SyncPromptSpecification(prompt, (exchange, req) -> {
            Object id = req.arguments() == null ? null : req.arguments().get("run_id");
            if (!(id instanceof String runId) || runId.isBlank()) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("triage_run needs the argument run_id, e.g. {\"run_id\": \"3f9a1c2b7d4e5f60\"}")
                        .build();
            }
            try {
                return new GetPromptResult("Triage run " + runId,
                        List.of(new PromptMessage(Role.USER, new TextContent(text(tracking, links, runId)))));
            } catch (NotFoundException | IllegalArgumentException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
            }
        });
    }

    static String text(Tracking tracking, Links links, String runId) {
        Run r = tracking.getRun(runId);
        List<String> keys = tracking.metricSummaries(runId).stream().map(MetricSummary::key)
                .filter(k -> !k.startsWith("system/")).limit(12).toList();
        String keyList = keys.isEmpty() ? "(it has logged no metrics yet)" : String.join(", ", keys);
        return """
                Triage the Observatory run %1$s ("%2$s" in project %3$s, status %4$s). Its metric keys include: %5$s.

                Work through these steps with the Observatory tools, keeping each call small:
                1. get_run run_id=%1$s: read status, duration, heartbeat, params and the metric summaries. A nan_count
                   above 0 means the run produced NaN/Inf; for loss-like keys compare last with min and argmin_step.
                2. get_run_metrics run_id=%1$s keys=[the main loss/accuracy keys, the learning rate, grad norm]
                   (max_points 100 is enough): look for divergence (loss rising, NaN), plateaus, spikes and schedule
                   problems, and note the steps where the behaviour changes.
                3. get_run_logs run_id=%1$s level=WARN, then grep for "Traceback", "out of memory" or "nan" if needed:
                   find errors, OOM, crashes and the last thing the run printed.
                4. list_runs project=%3$s sort=metric:<main loss key> order=asc metrics=[that key] limit=10: compare
                   with sibling runs and the best one; note which params differ.
                5. Answer with: a verdict (healthy, diverged, plateaued, crashed, still running, stalled without
                   heartbeat), the evidence (steps, values, log lines), the likely cause, and one to three concrete
                   next actions (for example a lower learning rate, gradient clipping, a smaller batch, resuming from
                   a checkpoint). Link the run: %6$s
                """.formatted(runId, r.name(), r.project(), r.status().wire(), keyList,
                links.run(runId) != null ? links.run(runId) : "observatory://runs/" + runId);
    }
}

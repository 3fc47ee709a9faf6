package dev.observatory.mcp.tracking;

import dev.observatory.core.Tracking;
import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema.CompleteReference;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import java.util.List;
import java.util.stream.Stream;

/**
 * Argument completion: run ids (prefix match over the newest runs), metric keys of the run named in the context
 * (argument {@code id} or {@code run_id}) and project names, for the triage_run prompt and the resource templates.
 */
public final class TrackingCompletions {
    /** Most values one completion returns (the MCP limit). */
    static final int MAX_VALUES = 100;
    /** How many of the newest runs run-id completion looks at. */
    static final int RECENT_RUNS = 1000;

    private TrackingCompletions() {
    }

    public static List<SyncCompletionSpecification> specs(Tracking tracking) {
        return List.of(spec(new PromptReference(TriageRunPrompt.NAME), tracking),
                spec(new ResourceReference(TrackingResources.RUN), tracking),
                spec(new ResourceReference(TrackingResources.METRIC), tracking),
                spec(new ResourceReference(TrackingResources.PROJECT), tracking));
    }

    private static SyncCompletionSpecification spec(CompleteReference ref, Tracking tracking) {
        return new SyncCompletionSpecification(ref, (exchange, req) -> complete(tracking, req));
    }

    static CompleteResult complete(Tracking tracking, CompleteRequest req) {
        String prefix = req.argument().value() == null ? "" : req.argument().value();
        Stream<String> values = switch (req.argument().name()) {
            case "id", "run_id" -> runIds(tracking, prefix);
            case "key" -> metricKeys(tracking, contextRunId(req), prefix);
            case "name" ->
                    tracking.store().projects().list().stream().map(p -> p.name()).filter(n -> n.startsWith(prefix));
            default -> Stream.empty();
        };
        List<String> all = values.limit(MAX_VALUES + 1L).toList();
        boolean more = all.size() > MAX_VALUES;
        List<String> shown = more ? all.subList(0, MAX_VALUES) : all;
        return new CompleteResult(new CompleteCompletion(shown, more ? null : shown.size(), more));
    }

    private static Stream<String> runIds(Tracking tracking, String prefix) {
        return tracking.store().runs().list(RunQuery.all(null, RECENT_RUNS)).stream().map(Run::id)
                .filter(id -> id.startsWith(prefix));
    }

    private static Stream<String> metricKeys(Tracking tracking, String runId, String prefix) {
        if (runId == null || tracking.store().runs().get(runId).isEmpty()) {
            return Stream.empty();
        }
        return tracking.metricSummaries(runId).stream().map(s -> s.key()).filter(k -> k.startsWith(prefix));
    }

    private static String contextRunId(CompleteRequest req) {
        if (req.context() == null || req.context().arguments() == null) {
            return null;
        }
        String id = req.context().arguments().get("id");
        return id != null ? id : req.context().arguments().get("run_id");
    }
}

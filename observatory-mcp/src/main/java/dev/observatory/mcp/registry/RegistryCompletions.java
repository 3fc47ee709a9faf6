package dev.observatory.mcp.registry;

import dev.observatory.core.Tracking;
import dev.observatory.model.Run;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.RegisteredModel;
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
 * Argument completion for the registry: model names (prefix match) for {@code observatory://models/{name}} and the
 * register_model prompt's {@code model}, and run ids (the newest 1,000 runs) for its {@code run_id}.
 */
public final class RegistryCompletions {
    static final int MAX_VALUES = 100;
    static final int RECENT_RUNS = 1000;

    private RegistryCompletions() {
    }

    public static List<SyncCompletionSpecification> specs(Tracking tracking) {
        return List.of(spec(new ResourceReference(RegistryResources.MODEL), tracking),
                spec(new PromptReference(RegisterModelPrompt.NAME), tracking));
    }

    private static SyncCompletionSpecification spec(CompleteReference ref, Tracking tracking) {
        return new SyncCompletionSpecification(ref, (exchange, req) -> complete(tracking, req));
    }

    static CompleteResult complete(Tracking tracking, CompleteRequest req) {
        String prefix = req.argument().value() == null ? "" : req.argument().value();
        Stream<String> values = switch (req.argument().name()) {
            case "name", "model" -> modelNames(tracking, prefix);
            case "run_id" -> tracking.store().runs().list(RunQuery.all(null, RECENT_RUNS)).stream().map(Run::id)
                    .filter(id -> id.startsWith(prefix));
            default -> Stream.empty();
        };
        List<String> all = values.limit(MAX_VALUES + 1L).toList();
        boolean more = all.size() > MAX_VALUES;
        List<String> shown = more ? all.subList(0, MAX_VALUES) : all;
        return new CompleteResult(new CompleteCompletion(shown, more ? null : shown.size(), more));
    }

    private static Stream<String> modelNames(Tracking tracking, String prefix) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return tracking.store().registry()
                .listModels(new ModelQuery(NameFilter.like(pattern), null, null, false, MAX_VALUES + 1, 0)).stream()
                .map(RegisteredModel::name);
    }
}

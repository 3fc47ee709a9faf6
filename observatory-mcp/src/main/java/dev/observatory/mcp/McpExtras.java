package dev.observatory.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.List;

/**
 * Raw SDK features added next to Observatory's own (the conformance fixture uses it). Extra tools are always visible,
 * whatever the toolsets, and are not counted or validated by the {@link ToolRegistry}.
 *
 * @param logging
 *            advertise the logging capability
 * @param resourceSubscriptions
 *            advertise resource subscriptions
 */
public record McpExtras(List<SyncToolSpecification> tools, List<SyncResourceSpecification> resources,
        List<SyncResourceTemplateSpecification> resourceTemplates, List<SyncPromptSpecification> prompts,
        List<SyncCompletionSpecification> completions, boolean logging, boolean resourceSubscriptions) {

    public McpExtras {
        tools = List.copyOf(tools);
        resources = List.copyOf(resources);
        resourceTemplates = List.copyOf(resourceTemplates);
        prompts = List.copyOf(prompts);
        completions = List.copyOf(completions);
    }

    public static McpExtras none() {
        return new McpExtras(List.of(), List.of(), List.of(), List.of(), List.of(), false, false);
    }
}

package dev.observatory.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.artifact.ArtifactResources;
import dev.observatory.mcp.registry.RegisterModelPrompt;
import dev.observatory.mcp.registry.RegistryCompletions;
import dev.observatory.mcp.registry.RegistryResources;
import dev.observatory.mcp.trace.TraceResources;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.tracking.TrackingCompletions;
import dev.observatory.mcp.tracking.TrackingResources;
import dev.observatory.mcp.tracking.TriageRunPrompt;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds Observatory's MCP server on a transport: the tools of {@link ToolCatalog} (all registered; each connection
 * sees those of its toolsets), the resource templates, the {@code triage_run} prompt and argument completion.
 * <p>
 * Per-connection choices travel in the {@link McpTransportContext}: {@link #TOOLSETS_KEY} (a {@code Set<String>} of
 * toolset names; absent means the configured toolsets) and {@link #ACTOR_KEY} (the authenticated
 * {@link dev.observatory.core.Actor}). The HTTP transport's context extractor fills them; stdio leaves them empty.
 */
public final class ObservatoryMcp {
    public static final String TOOLSETS_KEY = "observatory.toolsets";
    public static final String ACTOR_KEY = "observatory.actor";
    static final String INSTRUCTIONS = "Observatory records machine-learning experiments: projects, runs, metric"
            + " curves and logs. Start with list_projects, list_runs or search to find runs; get_run explains one run;"
            + " get_run_metrics reads its curves (downsampled, with summary statistics); get_run_logs reads its output;"
            + " list_metrics lists metric keys. The triage_run prompt walks through diagnosing a run. Answers are"
            + " bounded: when one says truncated, call again with next_cursor. list_toolsets shows more toolsets.";

    private ObservatoryMcp() {
    }

    /** A Streamable HTTP server over the default tool catalogue. */
    public static McpSyncServer create(McpStreamableServerTransportProvider transport, Tracking tracking, Meters meters,
            McpSettings settings) {
        return create(transport, tracking, new ToolRegistry(tracking, meters, settings), McpExtras.none());
    }

    /** A Streamable HTTP server over a given registry, with extra SDK features. */
    public static McpSyncServer create(McpStreamableServerTransportProvider transport, Tracking tracking,
            ToolRegistry registry, McpExtras extras) {
        return configure(McpServer.sync(transport).immediateExecution(true), tracking, registry, extras);
    }

    /** A single-session server (stdio) over the default tool catalogue. */
    public static McpSyncServer create(McpServerTransportProvider transport, Tracking tracking, Meters meters,
            McpSettings settings) {
        return create(transport, tracking, new ToolRegistry(tracking, meters, settings), McpExtras.none());
    }

    /** A single-session server (stdio) over a given registry, with extra SDK features. */
    public static McpSyncServer create(McpServerTransportProvider transport, Tracking tracking, ToolRegistry registry,
            McpExtras extras) {
        return configure(McpServer.sync(transport), tracking, registry, extras);
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, Tracking tracking,
            ToolRegistry registry, McpExtras extras) {
        McpSettings settings = registry.settings();
        Links links = new Links(settings.baseUrl());
        List<SyncToolSpecification> tools = new ArrayList<>();
        for (ToolDef def : registry.catalog()) {
            tools.add(SyncToolSpecification.builder().tool(def.mcpTool())
                    .callHandler((exchange, req) -> Confirmations.call(def, req.arguments(), exchange,
                            args -> registry.invoke(def.name(), args, actor(exchange.transportContext()),
                                    toolsets(exchange.transportContext(), settings),
                                    ProgressNotifier.of(exchange, req.progressToken()), SamplingModel.of(exchange))
                                    .result()))
                    .build());
        }
        tools.addAll(extras.tools());
        List<SyncResourceTemplateSpecification> templates = new ArrayList<>(
                TrackingResources.templates(tracking, links));
        templates.addAll(RegistryResources.templates(tracking, links));
        templates.addAll(ArtifactResources.templates(tracking));
        templates.addAll(TraceResources.templates(tracking));
        templates.addAll(dev.observatory.mcp.release.ReleaseResources.templates(tracking));
        templates.addAll(dev.observatory.mcp.deploy.DeploymentResources.templates(tracking));
        templates.addAll(extras.resourceTemplates());
        List<SyncResourceSpecification> resources = new ArrayList<>(RegistryResources.resources(tracking));
        resources.addAll(dev.observatory.mcp.release.ReleaseResources.resources(tracking));
        resources.addAll(dev.observatory.mcp.deploy.DeploymentResources.resources(tracking));
        resources.addAll(extras.resources());
        List<SyncPromptSpecification> prompts = new ArrayList<>(List.of(TriageRunPrompt.spec(tracking, links)));
        prompts.add(RegisterModelPrompt.spec(tracking, links));
        prompts.addAll(dev.observatory.mcp.release.ReleasePrompts.specs());
        prompts.addAll(dev.observatory.mcp.deploy.DeploymentPrompts.specs());
        prompts.addAll(extras.prompts());
        List<SyncCompletionSpecification> completions = new ArrayList<>(TrackingCompletions.specs(tracking));
        completions.addAll(RegistryCompletions.specs(tracking));
        completions.addAll(extras.completions());

        McpSchema.ServerCapabilities.Builder caps = McpSchema.ServerCapabilities.builder().tools(false)
                .resources(extras.resourceSubscriptions(), false).prompts(false).completions();
        if (extras.logging()) {
            caps.logging();
        }
        McpSyncServer server = spec.serverInfo("observatory", settings.serverVersion()).instructions(INSTRUCTIONS)
                .capabilities(caps.build()).validateToolInputs(false)
                .jsonSchemaValidator(new CatalogueSchemaValidator())
                .addToolFilter((ctx, tool) -> registry.find(tool.name())
                        .map(d -> d.enabledIn(toolsets(ctx, settings)) && registry.listed(d)).orElse(true))
                .tools(tools).resources(resources).resourceTemplates(templates).prompts(prompts)
                .completions(completions).build();
        return server;
    }

    @SuppressWarnings("unchecked")
    static Set<String> toolsets(McpTransportContext ctx, McpSettings settings) {
        Object v = ctx == null ? null : ctx.get(TOOLSETS_KEY);
        return v instanceof Set<?> s ? (Set<String>) s : settings.toolsets();
    }

    static Actor actor(McpTransportContext ctx) {
        Object v = ctx == null ? null : ctx.get(ACTOR_KEY);
        return v instanceof Actor a ? a : Actor.anonymous("mcp");
    }
}

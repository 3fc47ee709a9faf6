package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.ToolRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MCP endpoint over real HTTP, spoken to by the SDK's own client. */
class McpHttpTest {
    static McpTestServer s;
    static McpSyncClient client;

    @BeforeAll
    static void start() {
        s = new McpTestServer();
        client = s.client("");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void initializeAdvertisesToolsResourcesPromptsAndCompletions() {
        McpSchema.ServerCapabilities caps = client.getServerCapabilities();
        assertThat(caps.tools()).isNotNull();
        assertThat(caps.resources()).isNotNull();
        assertThat(caps.prompts()).isNotNull();
        assertThat(caps.completions()).isNotNull();
        assertThat(client.getServerInfo().name()).isEqualTo("observatory");
        assertThat(client.getServerInstructions()).contains("list_runs");
    }

    @Test
    void toolsListHasOutputSchemasAndAnnotations() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(dev.observatory.mcp.ToolCatalog
                .all().stream().filter(t -> t.enabledIn(java.util.Set.of("core"))).map(t -> t.name()).toList());
        assertThat(tools).extracting(McpSchema.Tool::name).contains("list_toolsets", "list_projects", "list_runs",
                "get_run", "get_run_metrics", "list_metrics", "get_run_logs", "search", "list_models",
                "get_latest_version");
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.outputSchema()).containsEntry("type", "object");
            assertThat(t.inputSchema()).containsEntry("additionalProperties", false);
            assertThat(t.annotations().readOnlyHint()).isTrue();
        });
    }

    @Test
    void everyToolAnswersWithStructuredContentAndTheSameJsonAsText() {
        String run = s.baseline.id();
        Map<String, Map<String, Object>> calls = Map.of("list_toolsets", Map.of(), "list_projects", Map.of(),
                "list_runs", Map.of("project", "vision", "sort", "metric:loss", "order", "asc"), "get_run",
                Map.of("run_id", run), "get_run_metrics", Map.of("run_id", run, "keys", List.of("loss", "val/loss")),
                "list_metrics", Map.of("project", "vision"), "get_run_logs",
                Map.of("run_id", s.diverged.id(), "level", "ERROR"), "search", Map.of("query", "base"));
        calls.forEach((tool, args) -> {
            CallToolResult r = client.callTool(new CallToolRequest(tool, args));
            assertThat(r.isError()).as(tool + ": " + r.content()).isFalse();
            assertThat(r.structuredContent()).as(tool).isInstanceOf(Map.class);
            assertThat(((TextContent) r.content().getFirst()).text()).startsWith("{");
        });
        assertThat(s.meters.counterValue(ToolRegistry.CALLS_METRIC, "tool", "get_run", "outcome", "ok"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMissingOrMistypedArgumentIsAnIsErrorResultNamingIt() {
        CallToolResult missing = client
                .callTool(new CallToolRequest("get_run_metrics", Map.of("run_id", s.baseline.id())));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("missing required argument 'keys'");
        CallToolResult mistyped = client
                .callTool(new CallToolRequest("get_run_logs", Map.of("run_id", s.diverged.id(), "tail", "all")));
        assertThat(mistyped.isError()).isTrue();
        assertThat(text(mistyped)).contains("argument 'tail' must be an integer");
        CallToolResult unknownRun = client.callTool(new CallToolRequest("get_run", Map.of("run_id", "nope")));
        assertThat(text(unknownRun)).contains("no run with id 'nope'");
    }

    @Test
    void resourcesAreReadThroughTheirTemplates() {
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate).contains("observatory://projects/{name}",
                        "observatory://runs/{id}", "observatory://runs/{id}/metrics/{key}");
        var run = client.readResource(new McpSchema.ReadResourceRequest("observatory://runs/" + s.diverged.id()));
        assertThat(((McpSchema.TextResourceContents) run.contents().getFirst()).text()).contains("lr-high");
        var metric = client.readResource(
                new McpSchema.ReadResourceRequest("observatory://runs/" + s.baseline.id() + "/metrics/val%2Floss"));
        assertThat(((McpSchema.TextResourceContents) metric.contents().getFirst()).text())
                .contains("\"key\":\"val/loss\"");
    }

    @Test
    void theTriagePromptAndCompletionWork() {
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("triage_run");
        var prompt = client.getPrompt(new McpSchema.GetPromptRequest("triage_run", Map.of("run_id", s.diverged.id())));
        assertThat(((TextContent) prompt.messages().getFirst().content()).text()).contains("get_run_logs");
        var ids = client.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("triage_run"),
                new McpSchema.CompleteRequest.CompleteArgument("run_id", s.baseline.id().substring(0, 4))));
        assertThat(ids.completion().values()).contains(s.baseline.id());
        var keys = client.completeCompletion(
                new McpSchema.CompleteRequest(new McpSchema.ResourceReference("observatory://runs/{id}/metrics/{key}"),
                        new McpSchema.CompleteRequest.CompleteArgument("key", "val"),
                        new McpSchema.CompleteRequest.CompleteContext(Map.of("id", s.baseline.id()))));
        assertThat(keys.completion().values()).containsExactly("val/loss");
    }

    static String text(CallToolResult r) {
        return ((TextContent) r.content().getFirst()).text();
    }
}

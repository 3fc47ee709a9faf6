package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tracking.TrackingCompletions;
import dev.observatory.mcp.tracking.TrackingResources;
import dev.observatory.mcp.tracking.TriageRunPrompt;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResourcesAndPromptsTest {
    final TestData data = new TestData();
    final Links links = new Links("http://obs.test");

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void resourceTemplatesReadProjectsRunsAndMetricSeriesAsJson() {
        assertThat(read(TrackingResources.PROJECT, "observatory://projects/vision")).contains("\"run_count\":2")
                .contains("resnet-baseline");
        assertThat(read(TrackingResources.RUN, "observatory://runs/" + data.diverged.id()))
                .contains("\"name\":\"resnet-lr-high\"").contains("\"log_lines\":302");
        assertThat(read(TrackingResources.METRIC, "observatory://runs/" + data.baseline.id() + "/metrics/val%2Facc"))
                .contains("\"key\":\"val/acc\"").contains("\"downsampled\":true");
    }

    @Test
    void anUnknownRunIsResourceNotFound() {
        assertThatThrownBy(() -> read(TrackingResources.RUN, "observatory://runs/nope")).isInstanceOfSatisfying(
                McpError.class,
                e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
    }

    @Test
    void triageRunPromptPlansTheDiagnosisWithTheTools() {
        var spec = TriageRunPrompt.spec(data.tracking, links);
        assertThat(spec.prompt().arguments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("run_id");
            assertThat(a.required()).isTrue();
        });
        var result = spec.promptHandler().apply(null,
                new McpSchema.GetPromptRequest("triage_run", Map.of("run_id", data.diverged.id())));
        String text = ((McpSchema.TextContent) result.messages().getFirst().content()).text();
        assertThat(text).contains("resnet-lr-high").contains("get_run run_id=" + data.diverged.id())
                .contains("get_run_metrics").contains("get_run_logs").contains("list_runs project=vision")
                .contains("http://obs.test/runs/" + data.diverged.id());
        assertThatThrownBy(
                () -> spec.promptHandler().apply(null, new McpSchema.GetPromptRequest("triage_run", Map.of())))
                        .isInstanceOf(McpError.class).hasMessageContaining("run_id");
    }

    @Test
    void completesRunIdsByPrefixAndMetricKeysOfTheRunInContext() {
        List<SyncCompletionSpecification> specs = TrackingCompletions.specs(data.tracking);
        String prefix = data.baseline.id().substring(0, 3);
        var ids = complete(specs.getFirst(), "run_id", prefix, null);
        assertThat(ids).contains(data.baseline.id()).allMatch(id -> id.startsWith(prefix));
        var keys = complete(specs.get(2), "key", "val", Map.of("id", data.baseline.id()));
        assertThat(keys).containsExactly("val/acc");
        assertThat(complete(specs.get(2), "key", "", null)).isEmpty();
        assertThat(complete(specs.get(3), "name", "vi", null)).containsExactly("vision");
    }

    private static List<String> complete(SyncCompletionSpecification spec, String arg, String value,
            Map<String, String> context) {
        var req = new CompleteRequest(spec.referenceKey(), new CompleteRequest.CompleteArgument(arg, value),
                context == null ? null : new CompleteRequest.CompleteContext(context));
        return spec.completionHandler().apply(null, req).completion().values();
    }

    private String read(String template, String uri) {
        SyncResourceTemplateSpecification spec = TrackingResources.templates(data.tracking, links).stream()
                .filter(s -> s.resourceTemplate().uriTemplate().equals(template)).findFirst().orElseThrow();
        var result = spec.readHandler().apply(null, new ReadResourceRequest(uri));
        TextResourceContents c = (TextResourceContents) result.contents().getFirst();
        assertThat(c.mimeType()).isEqualTo("application/json");
        return c.text();
    }
}

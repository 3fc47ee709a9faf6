package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.registry.RegisterModelPrompt;
import dev.observatory.mcp.registry.RegistryCompletions;
import dev.observatory.mcp.registry.RegistryResources;
import dev.observatory.mcp.tool.Links;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryResourcesTest {
    final TestData data = new TestData();
    final Links links = new Links("http://obs.test");
    final Registry registry = new Registry(data.tracking);
    final ModelVersion version;

    RegistryResourcesTest() {
        registry.createModel(TestData.ACTOR, new NewModel("team/resnet", "a model", Map.of(), null));
        version = registry.createVersion(TestData.ACTOR,
                NewModelVersion.of("team/resnet", "s3://1", data.baseline.id()));
        registry.setAlias(TestData.ACTOR, "team/resnet", "champion", 1);
    }

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void resourcesReadTheModelListAModelAndAVersionAsJson() {
        var models = RegistryResources.resources(data.tracking).getFirst();
        assertThat(models.resource().uri()).isEqualTo("observatory://models");
        TextResourceContents list = (TextResourceContents) models.readHandler()
                .apply(null, new ReadResourceRequest("observatory://models")).contents().getFirst();
        assertThat(list.text()).contains("\"name\":\"team/resnet\"").contains("\"total\":1").contains("\"champion\":1");
        assertThat(read(RegistryResources.MODEL, "observatory://models/team%2Fresnet")).contains("\"version\":1")
                .contains("\"version_count\":1").contains("\"description\":\"a model\"");
        assertThat(read(RegistryResources.VERSION, "observatory://versions/" + version.id()))
                .contains("\"source\":\"s3://1\"").contains("\"name\":\"resnet-baseline\"").contains("\"loss\":");
    }

    @Test
    void anUnknownModelOrVersionIsResourceNotFound() {
        for (String[] c : new String[][] { { RegistryResources.MODEL, "observatory://models/ghost" },
                { RegistryResources.VERSION, "observatory://versions/0000000000000000" } }) {
            assertThatThrownBy(() -> read(c[0], c[1])).isInstanceOfSatisfying(McpError.class,
                    e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
        }
    }

    @Test
    void registerModelPromptWalksThroughRegisteringAndPromotingARun() {
        var spec = RegisterModelPrompt.spec(data.tracking, links);
        assertThat(spec.prompt().arguments()).extracting(McpSchema.PromptArgument::name).containsExactly("run_id",
                "model", "source");
        var result = spec.promptHandler().apply(null, new McpSchema.GetPromptRequest("register_model",
                Map.of("run_id", data.baseline.id(), "model", "resnet", "source", "s3://ckpt")));
        String text = ((McpSchema.TextContent) result.messages().getFirst().content()).text();
        assertThat(text).contains("resnet-baseline")
                .contains("create_version model=\"resnet\" run_id=" + data.baseline.id() + " source=\"s3://ckpt\"")
                .contains("compare_versions").contains("promote_version")
                .contains("http://obs.test/runs/" + data.baseline.id());
        assertThatThrownBy(
                () -> spec.promptHandler().apply(null, new McpSchema.GetPromptRequest("register_model", Map.of())))
                        .isInstanceOf(McpError.class).hasMessageContaining("run_id");
        assertThatThrownBy(() -> spec.promptHandler().apply(null,
                new McpSchema.GetPromptRequest("register_model", Map.of("run_id", "nope"))))
                        .isInstanceOf(McpError.class).hasMessageContaining("nope");
    }

    @Test
    void completesModelNamesByPrefixAndRunIdsForTheRegisterModelPrompt() {
        registry.createModel(TestData.ACTOR, NewModel.named("team_x"));
        registry.createModel(TestData.ACTOR, NewModel.named("teamXY"));
        var specs = RegistryCompletions.specs(data.tracking);
        assertThat(complete(specs.getFirst(), "name", "team")).containsExactly("team/resnet", "teamXY", "team_x");
        assertThat(complete(specs.getFirst(), "name", "team_")).containsExactly("team_x");
        assertThat(complete(specs.get(1), "model", "team/")).containsExactly("team/resnet");
        String prefix = data.sweep.id().substring(0, 4);
        assertThat(complete(specs.get(1), "run_id", prefix)).contains(data.sweep.id())
                .allMatch(id -> id.startsWith(prefix));
    }

    private static java.util.List<String> complete(
            io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification spec, String arg,
            String value) {
        var req = new McpSchema.CompleteRequest(spec.referenceKey(),
                new McpSchema.CompleteRequest.CompleteArgument(arg, value));
        return spec.completionHandler().apply(null, req).completion().values();
    }

    private String read(String template, String uri) {
        SyncResourceTemplateSpecification spec = RegistryResources.templates(data.tracking, links).stream()
                .filter(s -> s.resourceTemplate().uriTemplate().equals(template)).findFirst().orElseThrow();
        var result = spec.readHandler().apply(null, new ReadResourceRequest(uri));
        TextResourceContents c = (TextResourceContents) result.contents().getFirst();
        assertThat(c.mimeType()).isEqualTo("application/json");
        return c.text();
    }
}

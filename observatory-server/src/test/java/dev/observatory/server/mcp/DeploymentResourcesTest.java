package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deployment resources and prompts through a real SDK client over Streamable HTTP. */
class DeploymentResourcesTest {
    final McpTestServer s = new McpTestServer();

    @AfterEach
    void stop() {
        s.close();
    }

    static String text(McpSchema.ReadResourceResult r) {
        return ((McpSchema.TextResourceContents) r.contents().getFirst()).text();
    }

    @Test
    void deploymentsAndHealthAreResourcesWithSecretsRedacted() {
        s.store.deployments()
                .create(new Deployment("dep1", "tiny", "2", null, "staging", "process", "vllm",
                        List.of("serve", "--token", "hf_topsecret99"), 8123, Map.of("HF_TOKEN", "hf_topsecret99"),
                        "http://127.0.0.1:8123", "http://127.0.0.1:8123/health", DeploymentStatus.FAILED, "exit code 1",
                        null, null, null, 0, "ada", McpTestServer.NOW, McpTestServer.NOW));
        McpSyncClient client = s.client("?toolsets=deploy");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains("observatory://deployments", "observatory://health");
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate).contains("observatory://deployments/{id}");

        assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("observatory://deployments"))))
                .contains("\"total\":1", "dep1", "failed");
        String one = text(client.readResource(new McpSchema.ReadResourceRequest("observatory://deployments/dep1")));
        assertThat(one).contains("8123", "exit code 1", "***").doesNotContain("hf_topsecret99");
        assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("observatory://health"))))
                .contains("\"name\":\"store\"", "deployment_runtime");
        assertThatThrownBy(
                () -> client.readResource(new McpSchema.ReadResourceRequest("observatory://deployments/nope")))
                        .hasMessageContaining("nope");
    }

    @Test
    void theDeployAndTroubleshootPromptsWalkThroughTheTools() {
        McpSyncClient client = s.client("?toolsets=deploy");
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("deploy_model",
                "troubleshoot_deployment", "benchmark_model", "propose_production_deployment", "register_model");
        McpSchema.GetPromptResult deploy = client
                .getPrompt(new McpSchema.GetPromptRequest("deploy_model", Map.of("model", "tiny", "version", "2")));
        assertThat(((McpSchema.TextContent) deploy.messages().getFirst().content()).text())
                .contains("execute_deployment model=\"tiny\" version=\"2\"", "get_deployment_logs");
        McpSchema.GetPromptResult why = client
                .getPrompt(new McpSchema.GetPromptRequest("troubleshoot_deployment", Map.of("deployment", "8000")));
        assertThat(((McpSchema.TextContent) why.messages().getFirst().content()).text()).contains("list_deployments",
                "get_deployment_health");
    }
}

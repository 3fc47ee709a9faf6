package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.registry.Registry;
import dev.observatory.core.release.ReleaseSettings;
import dev.observatory.core.release.Releases;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release toolset over a real Git repository of release configs made with JGit. */
class ReleaseToolsTest {
    static final Set<String> RELEASE = Set.of("release");
    final TestData data = new TestData();
    final ToolRegistry tools = data.registry();
    @TempDir
    Path tmp;
    Git git;

    @BeforeEach
    void repo() throws Exception {
        Registry r = new Registry(data.tracking);
        r.createModel(TestData.ACTOR, NewModel.named("llama"));
        r.createVersion(TestData.ACTOR, NewModelVersion.of("llama", "s3://m/1", null));
        git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call();
        Files.createDirectories(tmp.resolve("machines"));
        Files.writeString(tmp.resolve("machines/w1.yaml"), "machine: w1\ngpus: 4\ndeployments:\n  - name: chat\n"
                + "    model: llama\n    version: 1\n    template: vllm\n    port: 8000\n    gpus: [0, 1]\n");
        Files.writeString(tmp.resolve("machines/w2.yaml"), "machine: w2\ngpus: 2\ndeployments:\n  - name: a\n"
                + "    model: llama\n    version: 9\n    template: vllm\n    port: 8000\n    gpus: [0]\n");
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("t", "t@localhost");
        git.commit().setMessage("init").setAuthor(who).setCommitter(who).call();
        Releases.configure(data.tracking, ReleaseSettings.local(tmp, true));
    }

    @AfterEach
    void close() {
        Releases.configure(data.tracking, null);
        git.close();
        data.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, RELEASE);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output vs schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @Test
    void listsConfigsAndShowsTheTopologyWithFreeGpusAndTheUnknownVersionConflict() {
        Map<String, Object> list = ok("list_release_configs", Map.of());
        assertThat(Calls.list(list, "configs")).extracting(c -> c.get("machine")).containsExactly("w1", "w2");
        assertThat(Calls.list(list, "configs").get(0).get("models")).isEqualTo(List.of("llama:1"));

        Map<String, Object> topo = ok("get_machine_topology", Map.of("machine", "w1"));
        Map<String, Object> w1 = Calls.list(topo, "machines").get(0);
        assertThat(w1.get("free_gpus")).isEqualTo(List.of(2, 3));
        assertThat(Calls.list(topo, "conflicts")).isEmpty();
        Map<String, Object> all = ok("get_machine_topology", Map.of("only_with_conflicts", true));
        assertThat(Calls.list(all, "machines")).extracting(m -> m.get("machine")).containsExactly("w2");
        assertThat(Calls.list(all, "conflicts")).singleElement()
                .satisfies(c -> assertThat(c.get("kind")).isEqualTo("unknown_model_version"));
        assertThat(((Map<?, ?>) all.get("totals")).get("free_gpus")).isEqualTo(2 + 1);
    }

    @Test
    void getsOneConfigWithItsYamlAndListsPlacementsAndTemplates() {
        Map<String, Object> c = ok("get_release_config", Map.of("machine", "w1"));
        assertThat(c.get("yaml").toString()).startsWith("machine: w1");
        assertThat(Calls.list(c, "deployments").get(0)).containsEntry("gpus", List.of(0, 1)).containsEntry("line", 4);
        Map<String, Object> p = ok("get_models_by_deployment", Map.of("model", "llama"));
        assertThat(Calls.list(p, "placements")).extracting(x -> x.get("machine")).containsExactly("w1", "w2");
        Map<String, Object> t = ok("list_docker_templates", Map.of());
        assertThat(Calls.list(t, "templates")).extracting(x -> x.get("name")).contains("vllm", "tgi", "triton",
                "custom");
    }

    @Test
    void proposesADeploymentOnABranchAndRefusesAnOverAllocationAsAnError() throws Exception {
        Map<String, Object> p = ok("propose_release_config", Map.of("machine", "w1", "deployment", "chat-2", "model",
                "llama", "version", "1", "template", "vllm", "port", 8100, "gpus", List.of("2", "3")));
        assertThat(p.get("branch").toString()).startsWith("observatory/deploy-llama-1-as-chat-2-on-w1-");
        assertThat(p.get("diff").toString()).contains("+  - name: chat-2");
        assertThat(p.get("pull_request_skipped").toString()).contains("no GitHub or GitLab remote");
        assertThat(git.getRepository().exactRef("refs/heads/" + p.get("branch"))).isNotNull();

        ToolOutcome refused = tools.invoke("propose_release_config", Map.of("machine", "w1", "deployment", "big",
                "model", "llama", "version", "1", "template", "vllm", "port", 8200, "gpus", List.of("1", "7")),
                TestData.ACTOR, RELEASE);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.errorCode()).isEqualTo(ToolOutcome.CONFLICT);
        assertThat(refused.errorMessage()).contains("gpu_double_assigned").contains("gpu_out_of_range");
    }

    @Test
    void proposalsAreRefusedWithoutTheProductionGateAndBadYamlNamesTheLine() {
        Releases.configure(data.tracking, ReleaseSettings.local(tmp, false));
        ToolOutcome gated = tools.invoke("propose_release_config", Map.of("machine", "w1", "remove_deployment", "chat"),
                TestData.ACTOR, RELEASE);
        assertThat(gated.errorCode()).isEqualTo(ToolOutcome.READ_ONLY);
        assertThat(gated.errorMessage()).contains("OBSERVATORY_ALLOW_PRODUCTION_CHANGES");
        Releases.configure(data.tracking, ReleaseSettings.local(tmp, true));
        ToolOutcome bad = tools.invoke("propose_release_config",
                Map.of("machine", "w3", "yaml", "machine: w3\ngpus: 2\ndeployments: {oops\n"), TestData.ACTOR, RELEASE);
        assertThat(bad.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(bad.errorMessage()).startsWith("machines/w3.yaml line ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionResourcesAndThePromptsReadTheReleaseRepository() {
        var production = dev.observatory.mcp.release.ReleaseResources.resources(data.tracking).get(0);
        String json = ((io.modelcontextprotocol.spec.McpSchema.TextResourceContents) production.readHandler()
                .apply(null, new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest("observatory://production"))
                .contents().get(0)).text();
        assertThat(json).contains("\"machine_count\":2").contains("unknown_model_version");
        var machine = dev.observatory.mcp.release.ReleaseResources.templates(data.tracking).get(0);
        String w1 = ((io.modelcontextprotocol.spec.McpSchema.TextResourceContents) machine.readHandler()
                .apply(null,
                        new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest("observatory://production/w1"))
                .contents().get(0)).text();
        assertThat(w1).contains("\"free_gpus\":[2,3]").contains("machine: w1");
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> machine.readHandler().apply(null,
                        new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest("observatory://production/w9")))
                .isInstanceOf(io.modelcontextprotocol.spec.McpError.class).hasMessageContaining("w9");
        var prompts = dev.observatory.mcp.release.ReleasePrompts.specs();
        var text = prompts.get(0).promptHandler().apply(null,
                new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest("propose_production_deployment",
                        Map.of("model", "llama", "machine", "w1")));
        assertThat(((io.modelcontextprotocol.spec.McpSchema.TextContent) text.messages().get(0).content()).text())
                .contains("propose_release_config").contains("machine \"w1\"").contains("version champion");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> prompts.get(1).promptHandler().apply(null,
                new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest("benchmark_model", Map.of("model", "x"))))
                .hasMessageContaining("version");
    }
}

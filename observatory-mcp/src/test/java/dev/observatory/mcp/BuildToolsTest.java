package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.DeploymentRunner;
import dev.observatory.core.deploy.DeploymentSettings;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build tools of the deploy toolset: the committed packaging script (core test resource) run as a real process
 * through the local executor packs the tiny model server into a tar; list, get, logs and disk usage read it back.
 */
class BuildToolsTest {
    static final Actor ACTOR = new Actor("ada", "mcp");
    static final Set<String> DEPLOY = Set.of("deploy");
    static final Path CORE_TEST = Path.of("..", "observatory-core", "src", "test", "resources").toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;
    InMemoryStorage store;
    Tracking tracking;
    DeploymentRunner runner;
    ToolRegistry tools;

    @BeforeEach
    void open() {
        store = new InMemoryStorage();
        tracking = new Tracking(store, Clock.systemUTC(), false, new Auditor(store.audit(), Clock.systemUTC()));
        runner = Deployments.configure(tracking, new DeploymentSettings(tmp.resolve("work"), tmp.resolve("logs"),
                Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofSeconds(3), 1 << 20, 1)).start();
        tools = new ToolRegistry(tracking, new Meters(),
                new McpSettings(DEPLOY, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, ACTOR, DEPLOY);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    @Test
    @SuppressWarnings("unchecked")
    void triggersAPackageBuildOfTheTinyServerAndReadsItBackThroughEveryBuildTool() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Map<String, Object> b = ok("trigger_docker_build",
                Map.of("name", "tiny-model-server:1", "context", ctx.toString(), "command",
                        List.of("sh", CORE_TEST.resolve("builds/package-server.sh").toString(),
                                CORE_TEST.resolve("tiny-model-server/Server.java").toString(), "dist/tiny.tar.gz"),
                        "output", "dist/tiny.tar.gz", "template", "vllm", "wait_seconds", 60));
        assertThat(b).containsEntry("status", "succeeded").containsEntry("exit_code", 0).containsEntry("kind",
                "package");
        assertThat(b.get("size_bytes")).isEqualTo(Files.size(ctx.resolve("dist/tiny.tar.gz")));
        String id = (String) b.get("id");

        Map<String, Object> list = ok("list_docker_builds", Map.of("status", "succeeded"));
        assertThat(list).containsEntry("total", 1L);
        assertThat((List<Map<String, Object>>) list.get("builds")).extracting(m -> m.get("id")).containsExactly(id);
        assertThat(ok("list_docker_builds", Map.of("status", "failed"))).containsEntry("total", 0L);
        assertThat(ok("get_docker_build", Map.of("build_id", id))).containsEntry("template", "vllm")
                .containsEntry("output", "dist/tiny.tar.gz");
        assertThat((List<String>) ok("get_docker_build_logs", Map.of("build_id", id, "grep", "wrote")).get("lines"))
                .containsExactly("wrote dist/tiny.tar.gz");

        Map<String, Object> usage = ok("get_docker_disk_usage", Map.of());
        assertThat((List<Map<String, Object>>) usage.get("entries")).anySatisfy(
                e -> assertThat(e).containsEntry("name", "build_outputs").containsEntry("bytes", b.get("size_bytes")));
        if (Deployments.dockerUnavailableReason() != null) {
            assertThat(usage).containsEntry("docker_available", false);
            assertThat((String) usage.get("docker_unavailable_reason")).contains("docker");
        }
    }

    @Test
    void aFailedBuildShowsItsExitCodeAndAnUnknownIdIsAnError() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Map<String, Object> b = ok("trigger_docker_build", Map.of("name", "broken", "context", ctx.toString(),
                "command", List.of("sh", "-c", "echo no weights >&2; exit 4"), "wait_seconds", 60));
        assertThat(b).containsEntry("status", "failed").containsEntry("exit_code", 4);
        assertThat((String) b.get("status_message")).contains("no weights");
        ToolOutcome missing = tools.invoke("get_docker_build", Map.of("build_id", "nope"), ACTOR, DEPLOY);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.errorMessage()).contains("list_docker_builds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void auditLogsAreFilteredByActorActionEntityAndTimeAndPaged() {
        tracking.auditor().record(new Actor("ci-bot", "rest"), "deployment.create", "deployment/d1", "tiny v1");
        tracking.auditor().record(ACTOR, "deployment.stop", "deployment/d1", "stopped");
        tracking.auditor().record(ACTOR, "build.trigger", "build/b1", "package tiny");
        tracking.auditor().record(ACTOR, "deployment.create", "deployment/d2", "tiny v2");

        List<Map<String, Object>> ada = (List<Map<String, Object>>) ok("get_audit_logs",
                Map.of("actor", "ada", "action", "deployment.")).get("events");
        assertThat(ada).extracting(e -> e.get("target")).containsExactly("deployment/d2", "deployment/d1");
        assertThat((List<Map<String, Object>>) ok("get_audit_logs", Map.of("entity", "deployment/d1")).get("events"))
                .extracting(e -> e.get("action")).containsExactly("deployment.stop", "deployment.create");
        assertThat((List<Object>) ok("get_audit_logs", Map.of("since", "2999-01-01T00:00:00Z")).get("events"))
                .isEmpty();

        Map<String, Object> first = ok("get_audit_logs", Map.of("action", "deployment.", "limit", 2));
        assertThat((List<Map<String, Object>>) first.get("events")).extracting(e -> e.get("target"))
                .containsExactly("deployment/d2", "deployment/d1");
        Map<String, Object> second = ok("get_audit_logs",
                Map.of("action", "deployment.", "limit", 2, "cursor", first.get("next_cursor")));
        assertThat((List<Map<String, Object>>) second.get("events")).extracting(e -> e.get("actor"))
                .containsExactly("ci-bot");
        assertThat(second.get("next_cursor")).isNull();
        assertThat(tools.invoke("get_audit_logs", Map.of("since", "yesterday"), ACTOR, DEPLOY).errorMessage())
                .contains("ISO-8601");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUnifiedSearchFindsModelsVersionsAndBuilds() throws Exception {
        dev.observatory.core.registry.Registry r = new dev.observatory.core.registry.Registry(tracking);
        r.createModel(ACTOR, dev.observatory.model.registry.NewModel.named("tiny-llm"));
        r.createVersion(ACTOR, dev.observatory.model.registry.NewModelVersion.of("tiny-llm", "/m/1", null));
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        ok("trigger_docker_build", Map.of("name", "tiny-llm-server", "context", ctx.toString(), "command",
                List.of("true"), "wait_seconds", 60));
        Set<String> both = Set.of("core", "deploy");
        ToolOutcome all = tools.invoke("search", Map.of("query", "TINY-LLM"), ACTOR, both);
        assertThat(all.ok()).as(all.errorMessage()).isTrue();
        List<Map<String, Object>> hits = (List<Map<String, Object>>) ((Map<String, Object>) all.data()).get("hits");
        assertThat(hits).extracting(h -> h.get("kind")).containsExactly("model", "version", "build");
        ToolOutcome builds = tools.invoke("search", Map.of("query", "server", "kinds", List.of("build")), ACTOR, both);
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) builds.data()).get("hits")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("kind", "build").containsEntry("matched", "name"));
        ToolOutcome runsOnly = tools.invoke("search", Map.of("query", "tiny", "kinds", List.of("run")), ACTOR, both);
        assertThat((List<Object>) ((Map<String, Object>) runsOnly.data()).get("hits")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void browseModelStorageListsTheFilesOfALocalVersionInPagesAndExplainsForeignSources() throws Exception {
        Path weights = Files.createDirectories(tmp.resolve("models/tiny/1"));
        Files.writeString(weights.resolve("config.json"), "{}");
        Files.write(weights.resolve("model.safetensors"), new byte[1234]);
        Files.createDirectories(weights.resolve("tokenizer"));
        Files.writeString(weights.resolve("tokenizer/vocab.txt"), "a\nb\n");
        dev.observatory.core.registry.Registry r = new dev.observatory.core.registry.Registry(tracking);
        r.createModel(ACTOR, dev.observatory.model.registry.NewModel.named("tiny"));
        r.createVersion(ACTOR, dev.observatory.model.registry.NewModelVersion.of("tiny", weights.toString(), null));
        r.createVersion(ACTOR, dev.observatory.model.registry.NewModelVersion.of("tiny", "s3://elsewhere/m", null));

        Map<String, Object> first = ok("browse_model_storage", Map.of("model", "tiny", "version", "1", "limit", 2));
        assertThat(first).containsEntry("where", "local").containsEntry("truncated", true);
        assertThat((List<Map<String, Object>>) first.get("files")).extracting(f -> f.get("path"))
                .containsExactly("config.json", "model.safetensors");
        assertThat(first.get("total_bytes")).isEqualTo(2L + 1234L);
        Map<String, Object> second = ok("browse_model_storage",
                Map.of("model", "tiny", "version", "1", "limit", 2, "cursor", first.get("next_cursor")));
        assertThat((List<Map<String, Object>>) second.get("files")).extracting(f -> f.get("path"))
                .containsExactly("tokenizer/vocab.txt");
        assertThat(second.get("next_cursor")).isNull();

        Map<String, Object> foreign = ok("browse_model_storage", Map.of("model", "tiny"));
        assertThat(foreign).containsEntry("where", "not browsable").containsEntry("version", 2);
        assertThat((List<Object>) foreign.get("files")).isEmpty();
    }

    @Test
    void cancelDockerBuildAsksForConfirmationThenStopsTheRunningBuild() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Map<String, Object> b = ok("trigger_docker_build", Map.of("name", "slow", "context", ctx.toString(), "command",
                List.of("sh", "-c", "sleep 60"), "wait_seconds", 0));
        assertThat(b).containsEntry("status", "running");
        String id = (String) b.get("id");
        assertThat(tools.find("cancel_docker_build").orElseThrow().hints().destructive()).isTrue();

        ToolOutcome unconfirmed = tools.invoke("cancel_docker_build", Map.of("build_id", id), ACTOR, DEPLOY);
        assertThat(unconfirmed.ok()).isFalse();
        assertThat(unconfirmed.errorMessage()).contains("confirm=true");
        assertThat(ok("get_docker_build", Map.of("build_id", id))).containsEntry("status", "running");

        assertThat(ok("cancel_docker_build", Map.of("build_id", id, "confirm", true))).containsEntry("status",
                "cancelled");
        assertThat(tools.invoke("cancel_docker_build", Map.of("build_id", "nope", "confirm", true), ACTOR, DEPLOY)
                .errorMessage()).contains("list_docker_builds");
    }
}

package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.DeploymentRunner;
import dev.observatory.core.deploy.DeploymentSettings;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment tools of the deploy toolset over the committed tiny model server (core test resource) run as a real
 * child process: deploy, status, health, discovery, benchmark, logs, stop, restart; read-only mode hides write tools.
 */
class DeploymentToolsTest {
    static final Actor ACTOR = new Actor("ada", "mcp");
    static final Set<String> DEPLOY = Set.of("deploy");
    static final String SECRET = "sk-deploy-secret-99";
    static final Path SERVER = Path
            .of("..", "observatory-core", "src", "test", "resources", "tiny-model-server", "Server.java")
            .toAbsolutePath().normalize();

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
        Registry r = new Registry(tracking);
        r.createModel(ACTOR, new NewModel("tiny", null, Map.of(), "ada"));
        r.createVersion(ACTOR, NewModelVersion.of("tiny", "/models/tiny/1", null));
        runner = Deployments.configure(tracking, new DeploymentSettings(tmp.resolve("work"), tmp.resolve("logs"),
                Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofSeconds(3), 1 << 20, 1)).start();
        tools = new ToolRegistry(tracking, new Meters(),
                new McpSettings(DEPLOY, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
    }

    @AfterEach
    void close() {
        runner.stopAll("test end");
        runner.close();
        store.close();
    }

    ToolOutcome call(String tool, Map<String, Object> args) {
        return tools.invoke(tool, args, ACTOR, DEPLOY);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = call(tool, args);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    static List<String> command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", SERVER.toString(), "--port", "{port}",
                "--model", "{model}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploysTheTinyServerThenProbesBenchmarksReadsLogsStopsAndRestartsIt() {
        assumeTrue(Files.exists(SERVER), "the tiny model server source is at " + SERVER);
        Map<String, Object> args = new HashMap<>(Map.of("model", "tiny", "version", "1", "command", command(), "env",
                Map.of("API_KEY", SECRET), "wait_seconds", 90));
        Map<String, Object> d = ok("execute_deployment", args);
        assertThat(d).containsEntry("status", "healthy").containsEntry("version", "1");
        assertThat((Map<String, Object>) d.get("env")).containsEntry("API_KEY", "***");
        assertThat(d.toString()).doesNotContain(SECRET);
        String id = (String) d.get("id");
        String endpoint = (String) d.get("endpoint");

        Map<String, Object> list = ok("list_deployments", Map.of("status", "healthy"));
        assertThat(list).containsEntry("total", 1L);
        assertThat((List<Map<String, Object>>) list.get("deployments")).extracting(m -> m.get("id"))
                .containsExactly(id);
        assertThat(ok("get_deployment_status", Map.of("deployment_id", id))).containsEntry("process_alive", true);

        Map<String, Object> health = ok("get_deployment_health", Map.of("deployment_id", id));
        assertThat(health).containsEntry("healthy", true);
        assertThat((Map<String, Object>) health.get("probe")).containsEntry("http_status", 200);
        assertThat(ok("health_check", Map.of("url", endpoint + "/health"))).containsEntry("target", "url")
                .containsEntry("healthy", true);
        Map<String, Object> system = ok("health_check", Map.of());
        assertThat(system).containsEntry("target", "system");
        assertThat((List<Map<String, Object>>) system.get("checks")).anySatisfy(
                c -> assertThat(c).containsEntry("name", "deployment_runtime").containsEntry("status", "ok"));
        assertThat(ok("discover_api_spec", Map.of("deployment_id", id))).containsEntry("api", "openai");

        Map<String, Object> bench = ok("run_benchmark",
                Map.of("deployment_id", id, "requests", 100, "concurrency", "4"));
        assertThat(bench).as("endpoint, model and version come from the deployment")
                .containsEntry("status", "completed").containsEntry("requests", 100L).containsEntry("model", "tiny")
                .containsEntry("version", "1").containsEntry("deployment_id", id);
        assertThat((String) bench.get("endpoint")).startsWith(endpoint);

        Map<String, Object> logs = ok("get_deployment_logs", Map.of("deployment_id", id, "grep", "tiny model server"));
        assertThat((List<String>) logs.get("lines")).singleElement().asString().contains("tiny");

        assertThat(ok("stop_deployment", Map.of("deployment_id", id))).containsEntry("status", "stopped");
        assertThat(ok("get_deployment_status", Map.of("deployment_id", id))).containsEntry("process_alive", false);
        Map<String, Object> again = ok("restart_deployment", Map.of("deployment_id", id, "wait_seconds", 90));
        assertThat(again).containsEntry("status", "healthy").containsEntry("restarts", 1);
        assertThat(ok("stop_deployment", Map.of("deployment_id", id))).containsEntry("status", "stopped");
    }

    @Test
    void unknownVersionsAndDeploymentsAndAnUnavailableDockerAreClearErrors() {
        ToolOutcome unknown = call("execute_deployment",
                Map.of("model", "tiny", "version", "7", "command", List.of("serve")));
        assertThat(unknown.errorCode()).isEqualTo(ToolOutcome.NOT_FOUND);
        assertThat(unknown.errorMessage()).contains("no version 7");
        assertThat(call("get_deployment", Map.of("deployment_id", "nope")).errorCode())
                .isEqualTo(ToolOutcome.NOT_FOUND);
        assertThat(call("health_check", Map.of("url", "http://169.254.169.254/")).errorMessage())
                .contains("link-local");
        if (Deployments.dockerUnavailableReason() != null) {
            ToolOutcome docker = call("execute_deployment",
                    Map.of("model", "tiny", "runtime", "docker", "template", "vllm"));
            assertThat(docker.errorCode()).isEqualTo(ToolOutcome.CONFLICT);
            assertThat(docker.errorMessage()).contains("docker is not available on this host");
        }
    }

    @Test
    void theStopToolIsMarkedDestructiveAndTheProbesReadOnly() {
        assertThat(tools.find("stop_deployment").orElseThrow().hints().destructive()).isTrue();
        assertThat(tools.find("restart_deployment").orElseThrow().hints().destructive()).isTrue();
        assertThat(tools.find("execute_deployment").orElseThrow().hints().readOnly()).isFalse();
        for (String t : List.of("list_deployments", "get_deployment", "get_deployment_status", "get_deployment_logs",
                "get_deployment_health", "health_check", "discover_api_spec")) {
            assertThat(tools.find(t).orElseThrow().hints().readOnly()).as(t).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void inReadOnlyModeTheWriteToolsAreNotListedAndRefusedWhenCalledByName() {
        Tracking ro = new Tracking(store, Clock.systemUTC(), true, new Auditor(store.audit(), Clock.systemUTC()));
        ToolRegistry roTools = new ToolRegistry(ro, new Meters(),
                new McpSettings(DEPLOY, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        List<String> listed = roTools.definitions(Set.of("deploy", "core")).stream().map(ToolDef::name).toList();
        assertThat(listed).contains("list_deployments", "get_deployment_health", "health_check", "list_benchmarks")
                .doesNotContain("execute_deployment", "stop_deployment", "restart_deployment", "run_benchmark");
        assertThat(listed).allSatisfy(n -> assertThat(roTools.find(n).orElseThrow().hints().readOnly()).isTrue());
        long writers = ToolCatalog.all().stream().filter(t -> t.enabledIn(Set.of("deploy", "core")))
                .filter(t -> !t.hints().readOnly()).count();
        assertThat(roTools.definitions(Set.of("deploy", "core")))
                .hasSize((int) (ToolCatalog.all().stream().filter(t -> t.enabledIn(Set.of("deploy", "core"))).count()
                        - writers));
        Map<String, Object> sets = (Map<String, Object>) roTools
                .invoke("list_toolsets", Map.of(), ACTOR, Set.of("core")).data();
        assertThat((List<Map<String, Object>>) sets.get("toolsets")).filteredOn(ts -> ts.get("name").equals("deploy"))
                .singleElement().satisfies(ts -> assertThat((List<String>) ts.get("tools")).contains("list_deployments")
                        .doesNotContain("execute_deployment", "run_benchmark"));
        ToolOutcome refused = roTools.invoke("execute_deployment", Map.of("model", "tiny", "command", List.of("x")),
                ACTOR, DEPLOY);
        assertThat(refused.errorCode()).isEqualTo(ToolOutcome.READ_ONLY);
    }
}

package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.DeploymentRunner;
import dev.observatory.core.deploy.DeploymentSettings;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.AuditEvent;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * Every call of a tool that writes is audited as tool.&lt;name&gt; with actor, outcome, duration and its arguments with
 * secrets masked; read-only tools are not; no secret reaches the audit store or the server log (stderr here).
 */
class ToolCallAuditTest {
    static final Actor ACTOR = new Actor("ada", "mcp");
    static final Set<String> DEPLOY = Set.of("deploy");
    static final String TOKEN = "hf_sEcReT4711value";
    static final String BEARER = "Bearer eyJraWQiOiJ4In0.payload99.sig77";

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

    List<AuditEvent> toolEvents() {
        return store.audit().list(Long.MAX_VALUE, 1_000).stream().filter(e -> e.action().startsWith("tool.")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWriteToolCallIsAuditedWithItsArgumentsAndNoSecretReachesTheStoreOrTheLog() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        ToolOutcome ok;
        ToolOutcome refused;
        try {
            ok = tools.invoke("trigger_docker_build",
                    Map.of("name", "pkg", "context", ctx.toString(), "env", Map.of("HF_TOKEN", TOKEN, "MODE", "fast"),
                            "command", List.of("sh", "-c", "echo built; curl -H 'Authorization: " + BEARER + "' x"),
                            "wait_seconds", 30),
                    ACTOR, DEPLOY);
            refused = tools.invoke("trigger_docker_build", Map.of("name", "pkg", "context",
                    tmp.resolve("missing").toString(), "command", List.of("true"), "env", Map.of("API_KEY", TOKEN)),
                    ACTOR, DEPLOY);
            tools.invoke("list_docker_builds", Map.of(), ACTOR, DEPLOY);
        } finally {
            System.setErr(err);
        }
        assertThat(ok.ok()).as(ok.errorMessage()).isTrue();
        assertThat(refused.ok()).isFalse();

        List<AuditEvent> events = toolEvents();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("tool.trigger_docker_build");
            assertThat(e.actor()).isEqualTo("ada");
            assertThat(e.surface()).isEqualTo("mcp");
            assertThat(e.detail()).contains("\"duration_ms\":", "\"arguments\":").doesNotContain(TOKEN, "payload99");
        });
        assertThat(events).extracting(AuditEvent::detail)
                .anySatisfy(
                        d -> assertThat(d).contains("\"outcome\":\"ok\"", "\"MODE\":\"fast\"", "\"HF_TOKEN\":\"***\""))
                .anySatisfy(d -> assertThat(d).contains("\"outcome\":\"invalid_arguments\""));
        assertThat(store.audit().list(Long.MAX_VALUE, 1_000)).extracting(AuditEvent::detail)
                .noneSatisfy(d -> assertThat(d).contains(TOKEN));
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN, "payload99");

        Map<String, Object> read = (Map<String, Object>) tools
                .invoke("get_audit_logs", Map.of("action", "tool.trigger_docker_build"), ACTOR, DEPLOY).data();
        assertThat((List<Map<String, Object>>) read.get("events")).hasSize(2)
                .allSatisfy(e -> assertThat(e).containsEntry("actor", "ada"));
    }

    @Test
    void readOnlyToolsAreNotAuditedAsToolCalls() {
        assertThat(tools.invoke("list_docker_builds", Map.of(), ACTOR, DEPLOY).ok()).isTrue();
        assertThat(tools.invoke("get_audit_logs", Map.of(), ACTOR, DEPLOY).ok()).isTrue();
        assertThat(toolEvents()).isEmpty();
    }
}

package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertEngine;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.slo.Slos;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsConfigTest {
    @TempDir
    Path dir;
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), false,
            new Auditor(store.audit(), Clock.systemUTC()));

    private Config config(Map<ConfigKey, String> flags) {
        return Config.load(null, Map.of(), flags);
    }

    @Test
    void defaultsEvaluateEvery15SecondsWithTheStrictGuardAndFilesUnderTheDataDir() {
        OpsConfig ops = config(Map.of(ConfigKey.DATA_DIR, dir.toString())).ops();
        assertThat(ops.evalInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(ops.guard().allowLoopback()).isFalse();
        assertThat(ops.guard().allowPrivate()).isFalse();
        assertThat(ops.fileDir()).isEqualTo(dir.resolve("alerts"));
        assertThat(ops.sloDefinitions()).isNull();
    }

    @Test
    void sloDefinitionsAndSinksAreLoadedAtStart() throws Exception {
        Files.writeString(dir.resolve("slos.yaml"), "slos:\n  - name: api\n    selector: {service: api}\n");
        Files.writeString(dir.resolve("sinks.yaml"), """
                sinks:
                  - name: log
                    type: file
                    destination: all.jsonl
                  - name: hook
                    type: webhook
                    destination: http://127.0.0.1:9/hook
                    secret_env: HOOK_SECRET
                    min_severity: critical
                """);
        OpsConfig ops = config(Map.of(ConfigKey.SLO_DEFINITIONS, dir.resolve("slos.yaml").toString(),
                ConfigKey.ALERT_SINKS, dir.resolve("sinks.yaml").toString(), ConfigKey.ALERT_EVAL_INTERVAL_SECONDS, "0",
                ConfigKey.ALERT_WEBHOOK_ALLOW_LOOPBACK, "true", ConfigKey.DATA_DIR, dir.toString())).ops();
        try (AlertEngine engine = ops.start(tracking, Map.of("HOOK_SECRET", "s3cret"))) {
            assertThat(new Slos(tracking).list()).extracting(d -> d.source()).containsExactly("config");
            assertThat(new Alerts(tracking).sinks()).extracting(s -> s.name()).containsExactly("log", "hook");
            assertThat(new Alerts(tracking).sinks().get(1).secret()).isEqualTo("s3cret");
            assertThat(engine.rounds()).isZero();
        }
    }

    @Test
    void badFilesAndRefusedWebhooksStopTheStartWithWhatToFix() throws Exception {
        Files.writeString(dir.resolve("slos.yaml"),
                "slos:\n  - name: api\n    target: 100\n" + "    selector: {service: api}\n");
        OpsConfig bad = config(Map.of(ConfigKey.SLO_DEFINITIONS, dir.resolve("slos.yaml").toString())).ops();
        assertThatThrownBy(() -> bad.start(tracking, Map.of())).hasMessageContaining("slos.yaml")
                .hasMessageContaining("impossible target");
        Files.writeString(dir.resolve("sinks.yaml"),
                "sinks:\n  - name: meta\n    type: webhook\n" + "    destination: http://169.254.169.254/\n");
        OpsConfig ssrf = config(Map.of(ConfigKey.ALERT_SINKS, dir.resolve("sinks.yaml").toString())).ops();
        assertThatThrownBy(() -> ssrf.start(tracking, Map.of())).hasMessageContaining("link-local");
        assertThatThrownBy(() -> config(Map.of(ConfigKey.ALERT_EVAL_INTERVAL_SECONDS, "-1")))
                .hasMessageContaining("alert_eval_interval_seconds");
    }
}

package dev.observatory.server;

import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertEngine;
import dev.observatory.core.alert.AlertSettings;
import dev.observatory.core.alert.SinkConfig;
import dev.observatory.core.alert.SinkSpecs;
import dev.observatory.core.alert.UrlGuard;
import dev.observatory.core.slo.SloDefinition;
import dev.observatory.core.slo.SloSpecs;
import dev.observatory.core.slo.Slos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SLO and alerting keys: slo_definitions, alert_eval_interval_seconds, alert_sinks, alert_file_dir and the
 * alert_webhook_allow_* switches of the SSRF guard. The files are read (and checked) at start-up.
 */
record OpsConfig(Path sloDefinitions, Duration evalInterval, Path sinksFile, Path fileDir, UrlGuard guard) {

    static OpsConfig of(String slos, int evalSeconds, String sinks, String fileDir, Path dataDir, boolean allowPrivate,
            boolean allowLoopback, boolean allowLinkLocal) {
        return new OpsConfig(slos.isBlank() ? null : Path.of(slos.trim()), Duration.ofSeconds(evalSeconds),
                sinks.isBlank() ? null : Path.of(sinks.trim()),
                fileDir.isBlank() ? dataDir.resolve("alerts") : Path.of(fileDir.trim()),
                new UrlGuard(allowPrivate, allowLoopback, allowLinkLocal));
    }

    /** Loads the SLO definitions and sinks, and starts the alert evaluator of the tracking. */
    AlertEngine start(Tracking tracking, Map<String, String> env) {
        List<SloDefinition> slos = sloDefinitions == null ? List.of() : SloSpecs.load(sloDefinitions);
        Slos.configure(tracking, slos);
        List<SinkConfig> sinks = sinksFile == null ? List.of() : SinkSpecs.load(sinksFile, env);
        return AlertEngine.start(tracking, new AlertSettings(evalInterval, sinks, guard, fileDir));
    }
}

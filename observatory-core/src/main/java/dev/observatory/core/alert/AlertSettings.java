package dev.observatory.core.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The alerting configuration of a server.
 *
 * @param evalInterval
 *            how often the rules are evaluated (alert_eval_interval_seconds, default 15 s); zero: no scheduler
 * @param sinks
 *            where notifications go (alert_sinks)
 * @param guard
 *            which webhook addresses are allowed (alert_webhook_allow_private / _loopback / _link_local)
 * @param fileRoot
 *            the directory file sinks and alert_routing write in (alert_file_dir); null: file sinks refused
 */
public record AlertSettings(Duration evalInterval, List<SinkConfig> sinks, UrlGuard guard, Path fileRoot) {
    /** No scheduler, no sinks, public webhook addresses only, no file directory. */
    public static final AlertSettings DEFAULTS = new AlertSettings(Duration.ZERO, List.of(), UrlGuard.STRICT, null);

    public AlertSettings {
        evalInterval = evalInterval == null ? Duration.ZERO : evalInterval;
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        guard = guard == null ? UrlGuard.STRICT : guard;
    }
}

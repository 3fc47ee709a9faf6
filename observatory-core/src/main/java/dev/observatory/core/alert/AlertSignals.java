package dev.observatory.core.alert;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The signals alert rules can use, by kind: the built-in ones and those registered by other services. */
public final class AlertSignals {
    private static final Map<String, AlertSignal> SIGNALS = new ConcurrentHashMap<>();

    static {
        register(new TraceMetricSignal());
        register(new SloBurnSignal());
        register(new RunMetricSignal());
        register(new JobGuardrailSignal());
        register(new DeploymentHealthSignal());
        register(new MetricAnomalySignal());
    }

    private AlertSignals() {
    }

    /** Adds (or replaces) a signal kind, e.g. job guardrails or deployment health. */
    public static void register(AlertSignal signal) {
        SIGNALS.put(signal.kind(), signal);
    }

    public static AlertSignal get(String kind) {
        AlertSignal s = SIGNALS.get(kind);
        if (s == null) {
            throw new IllegalArgumentException("unknown signal '" + kind + "': use one of " + kinds());
        }
        return s;
    }

    public static List<String> kinds() {
        return SIGNALS.keySet().stream().sorted().toList();
    }
}

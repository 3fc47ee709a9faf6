package dev.observatory.client.apm;

import java.time.Clock;

/**
 * Entry point of the APM library:
 *
 * <pre>
 * try (Interceptor apm = Observatory.instrument("support-bot", new OtlpJsonExporter("http://127.0.0.1:8765", key))) {
 *     apm.interceptModelCall(ModelCall.of("gpt-4o").prompt(p).response(r).confidence(0.64).gateThreshold(0.7));
 *     String answer = apm.trace("tools/call search", () -&gt; search(q));
 *     MetricsSnapshot s = apm.getMetricsSnapshot();
 * }
 * </pre>
 *
 * Exporters: {@link OtlpJsonExporter} (Observatory or any OTLP/HTTP collector) and {@link PostgresExporter} (the
 * {@code traces} table of {@code schema/postgres.sql}).
 */
public final class Observatory {
    private Observatory() {
    }

    /** An interceptor with the default settings (no price table, default thresholds). */
    public static Interceptor instrument(String serviceName, ApmExporter exporter) {
        return instrument(serviceName, exporter, ApmSettings.defaults());
    }

    public static Interceptor instrument(String serviceName, ApmExporter exporter, ApmSettings settings) {
        return new Interceptor(serviceName, exporter, settings, Clock.systemUTC());
    }

    /** With a given clock (tests). */
    static Interceptor instrument(String serviceName, ApmExporter exporter, ApmSettings settings, Clock clock) {
        return new Interceptor(serviceName, exporter, settings, clock);
    }
}

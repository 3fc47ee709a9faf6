package dev.observatory.mcp.metrics;

import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.prom.PrometheusException;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.store.StoreException;
import java.util.List;
import java.util.function.Supplier;

/** The {@code source} argument: Observatory's own metric store or the configured Prometheus. */
final class Sources {
    static final String OBSERVATORY = "observatory";
    static final String PROMETHEUS = "prometheus";

    private Sources() {
    }

    static Param param() {
        return Param.string("source", "Where the metrics are: observatory (its own store: OTLP /v1/metrics and"
                + " Prometheus remote write) or prometheus (the server at prometheus_url). Default: prometheus when"
                + " prometheus_url is set, else observatory.").oneOf(List.of(OBSERVATORY, PROMETHEUS));
    }

    /** The source asked for, or the default. */
    static String of(Args args, OpsMetrics metrics) {
        String s = args.string("source");
        if (s == null) {
            return metrics.prometheus() == null ? OBSERVATORY : PROMETHEUS;
        }
        if (s.equals(PROMETHEUS) && metrics.prometheus() == null) {
            throw new IllegalArgumentException("source=prometheus needs prometheus_url (OBSERVATORY_PROMETHEUS_URL)"
                    + " in the server's configuration; use source=observatory for Observatory's own metrics");
        }
        return s;
    }

    /** Runs a Prometheus call; its refusal becomes an invalid-argument error, no answer an unavailable one. */
    static <T> T call(PrometheusClient client, java.util.function.Function<PrometheusClient, T> work) {
        try {
            return work.apply(client);
        } catch (PrometheusException e) {
            if (e.unreachable()) {
                throw new StoreException(e.getMessage(), e);
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (PrometheusException e) {
            if (e.unreachable()) {
                throw new StoreException(e.getMessage(), e);
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

package dev.observatory.server.otlp;

import dev.observatory.core.opsmetrics.OpsIngest;

/**
 * Where received metric samples go: the service metric store (core {@code OpsMetrics}). It must not throw for bad
 * points, only for a store that cannot take them (StoreException) or a read-only server (ReadOnlyException).
 */
@FunctionalInterface
public interface MetricIngest {

    /** Stores what it accepts; the result counts data points refused and says why. */
    SpanIngest.Result ingest(OpsIngest batch);
}

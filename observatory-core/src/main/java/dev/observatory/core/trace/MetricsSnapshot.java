package dev.observatory.core.trace;

import java.time.Instant;
import java.util.List;

/** Metrics of every service (or the one asked for) over [from, to), services by calls descending. */
public record MetricsSnapshot(Instant from, Instant to, List<ServiceMetrics> services) {

    public MetricsSnapshot {
        services = List.copyOf(services);
    }
}

package dev.observatory.core.opsmetrics.prom;

/**
 * Prometheus refused a request (its {@code errorType} and {@code error} passed through, e.g. a PromQL parse error) or
 * could not be reached ({@link #unreachable()}).
 */
public final class PrometheusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean unreachable;

    PrometheusException(String message, boolean unreachable) {
        super(message);
        this.unreachable = unreachable;
    }

    /** True when Prometheus did not answer (connection refused, timeout), false when it answered with an error. */
    public boolean unreachable() {
        return unreachable;
    }
}

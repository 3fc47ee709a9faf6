package dev.observatory.core.apm;

import dev.observatory.model.trace.ServiceStats;

/**
 * RED metrics of a set of requests over a window.
 *
 * @param ratePerSecond
 *            requests per second over the window
 * @param errorRate
 *            errors / requests (0 without requests)
 * @param p50Ms
 *            duration percentiles in milliseconds
 */
public record Red(long requests, double ratePerSecond, long errors, double errorRate, double p50Ms, double p95Ms,
        double p99Ms) {

    /** No requests. */
    public static final Red NONE = new Red(0, 0, 0, 0, 0, 0, 0);

    static Red of(ServiceStats s, double seconds) {
        if (s == null) {
            return NONE;
        }
        return new Red(s.requests(), s.requests() / seconds, s.errors(),
                s.requests() == 0 ? 0 : (double) s.errors() / s.requests(), s.p50Nanos() / 1e6, s.p95Nanos() / 1e6,
                s.p99Nanos() / 1e6);
    }
}

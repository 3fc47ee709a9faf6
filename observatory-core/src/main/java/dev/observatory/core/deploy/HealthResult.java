package dev.observatory.core.deploy;

import java.time.Instant;

/**
 * One active health probe: an HTTP GET of a health URL.
 *
 * @param ok
 *            whether it answered 2xx
 * @param httpStatus
 *            the status code; null when no answer came (see error)
 * @param latencyMs
 *            time from sending to the end of the (bounded) body
 * @param body
 *            the start of the body (at most {@link HealthProbe#MAX_BODY} characters)
 * @param bodyTruncated
 *            whether the body was longer
 * @param error
 *            why no answer came (connection refused, timeout); null with an answer
 */
public record HealthResult(String url, boolean ok, Integer httpStatus, double latencyMs, String body,
        boolean bodyTruncated, String error, Instant checkedAt) {

    /** One line for status messages and progress: "HTTP 200 in 3.1 ms" or the error. */
    public String summary() {
        return httpStatus != null ? "HTTP " + httpStatus + " in " + Math.round(latencyMs * 10) / 10.0 + " ms"
                : "no answer: " + error;
    }
}

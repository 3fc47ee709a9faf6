package dev.observatory.model.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a guardrail fired, with its evidence.
 *
 * @param guardrail
 *            {@code nan}, {@code oom}, {@code stall}, {@code divergence} or {@code rule}
 * @param reason
 *            one sentence saying what was seen
 * @param step
 *            the step it was seen at; null when unknown
 * @param lines
 *            the offending log line last, with a few lines before it (redacted)
 * @param values
 *            the metric values involved (e.g. {@code loss}, {@code running_min})
 * @param firedAt
 *            when the guardrail fired (the offending line was read)
 * @param signalledAt
 *            when SIGTERM was sent; null when the job was not stopped
 */
public record GuardrailEvent(String guardrail, String reason, Long step, List<String> lines, Map<String, Double> values,
        Instant firedAt, Instant signalledAt) {

    public GuardrailEvent {
        lines = lines == null ? List.of() : List.copyOf(lines);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A copy with the time SIGTERM was sent. */
    public GuardrailEvent signalled(Instant at) {
        return new GuardrailEvent(guardrail, reason, step, lines, values, firedAt, at);
    }
}

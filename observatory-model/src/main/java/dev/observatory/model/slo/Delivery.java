package dev.observatory.model.slo;

import java.util.Objects;

/**
 * One line of the alert delivery log: what happened to one notification at one sink.
 *
 * @param atMs
 *            when, epoch milliseconds
 * @param sink
 *            the sink's name
 * @param alert
 *            the alert's fingerprint (rule and labels)
 * @param rule
 *            the rule's name
 * @param state
 *            the alert state notified (firing, resolved)
 * @param outcome
 *            delivered, failed, dropped_queue_full, rate_limited, silenced, deduplicated, below_severity
 * @param attempts
 *            delivery attempts made (0 when not attempted)
 * @param detail
 *            e.g. the HTTP status or the error; may be null
 */
public record Delivery(long atMs, String sink, String alert, String rule, String state, String outcome, int attempts,
        String detail) {

    public Delivery {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(outcome, "outcome");
    }
}

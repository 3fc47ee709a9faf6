package dev.observatory.core.trace;

import java.util.List;

/**
 * What an ingest call did: the OTLP partial-success answer is {@code rejected} plus {@link #message()}.
 *
 * @param accepted
 *            spans stored (or already stored: a re-sent span counts as accepted)
 * @param rejected
 *            invalid spans dropped
 * @param truncatedValues
 *            attribute values cut to {@link SpanLimits#MAX_VALUE_CHARS}
 * @param droppedAttributes
 *            attributes, events and links dropped beyond the per-span limits
 * @param errors
 *            why spans were rejected, one line per rejected span (at most {@link #MAX_ERRORS})
 */
public record IngestResult(int accepted, int rejected, int truncatedValues, int droppedAttributes,
        List<String> errors) {

    /** Most error lines kept. */
    public static final int MAX_ERRORS = 10;

    public IngestResult {
        errors = List.copyOf(errors);
    }

    /** A one-line summary for the OTLP partial-success {@code error_message}; empty when nothing was rejected. */
    public String message() {
        if (rejected == 0 && truncatedValues == 0 && droppedAttributes == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (rejected > 0) {
            b.append(rejected).append(rejected == 1 ? " span" : " spans").append(" rejected: ")
                    .append(String.join("; ", errors));
            if (errors.size() < rejected) {
                b.append("; ...");
            }
        }
        if (truncatedValues > 0 || droppedAttributes > 0) {
            if (!b.isEmpty()) {
                b.append(". ");
            }
            b.append(truncatedValues).append(" attribute values truncated to ").append(SpanLimits.MAX_VALUE_CHARS)
                    .append(" chars, ").append(droppedAttributes)
                    .append(" attributes/events/links dropped beyond the per-span limits");
        }
        return b.toString();
    }
}

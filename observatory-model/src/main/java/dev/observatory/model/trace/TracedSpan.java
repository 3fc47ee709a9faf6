package dev.observatory.model.trace;

import java.util.Objects;

/** A span with the columns derived from it at ingest: what the trace store writes. */
public record TracedSpan(Span span, SpanFacts facts) {

    public TracedSpan {
        Objects.requireNonNull(span, "span");
        facts = facts == null ? SpanFacts.NONE : facts;
    }
}

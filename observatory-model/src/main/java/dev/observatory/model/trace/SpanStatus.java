package dev.observatory.model.trace;

/** OTLP status code of a span. */
public enum SpanStatus {
    UNSET, OK, ERROR
}

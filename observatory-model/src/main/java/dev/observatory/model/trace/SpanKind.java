package dev.observatory.model.trace;

/** OTLP span kinds (UNSPECIFIED is stored as INTERNAL, as the specification says to treat it). */
public enum SpanKind {
    INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
}

package dev.observatory.core.trace;

/**
 * Limits applied to every ingested span (documented in the README). Values beyond them are truncated or dropped, never
 * a reason to reject the span.
 */
public final class SpanLimits {
    /** Longest string attribute value kept, in chars; longer ones end with "...[truncated N chars]". */
    public static final int MAX_VALUE_CHARS = 8 * 1024;
    /** Most attributes per span, per event, per link and per resource; the rest are dropped. */
    public static final int MAX_ATTRIBUTES = 128;
    /** Most events and most links per span. */
    public static final int MAX_EVENTS = 128;
    public static final int MAX_LINKS = 128;
    /** Most elements of an array attribute value. */
    public static final int MAX_ARRAY_ELEMENTS = 1024;
    /** Longest attribute key, span name, service name and status message. */
    public static final int MAX_KEY_CHARS = 256;
    public static final int MAX_NAME_CHARS = 1024;

    private SpanLimits() {
    }
}

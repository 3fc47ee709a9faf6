package dev.observatory.server.http;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the configured limit. An IOException so that every body reader
 * (Jackson, the MCP servlet) stops at once; {@link ApiErrors} finds it in any cause chain and answers 413.
 */
final class PayloadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes: send smaller batches or raise max_body_bytes"
                + " (OBSERVATORY_MAX_BODY_BYTES)");
    }
}

package dev.observatory.server.otlp;

/** A request body that is not a valid OTLP message in its declared encoding (answered 400, not retryable). */
final class OtlpDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OtlpDecodeException(String message) {
        super(message);
    }
}

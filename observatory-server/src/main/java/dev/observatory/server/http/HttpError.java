package dev.observatory.server.http;

/**
 * An error that already knows its HTTP status and API error code (auth failures, unknown routes, body limits). Other
 * exceptions are translated by {@link ApiErrors}.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    HttpError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static HttpError notFound(String message) {
        return new HttpError(404, "NOT_FOUND", message);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "INVALID_ARGUMENT", message);
    }
}

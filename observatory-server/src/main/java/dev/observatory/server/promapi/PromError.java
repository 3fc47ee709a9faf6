package dev.observatory.server.promapi;

/** An error answered in Prometheus' format: {@code {"status":"error","errorType":..,"error":..}} with its status. */
final class PromError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    PromError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** Bad input (a parameter or the query): 400 bad_data, as Prometheus answers. */
    static PromError badData(String message) {
        return new PromError(400, "bad_data", message);
    }
}

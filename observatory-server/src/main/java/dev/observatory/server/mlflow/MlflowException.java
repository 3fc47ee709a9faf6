package dev.observatory.server.mlflow;

/**
 * An error answered with MLflow's body {@code {"error_code": ..., "message": ...}} and the HTTP status MLflow's
 * tracking server uses for that code.
 */
final class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";

    private final String code;
    private final int status;

    MlflowException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static MlflowException invalid(String message) {
        return new MlflowException(INVALID_PARAMETER_VALUE, 400, message);
    }

    static MlflowException notFound(String message) {
        return new MlflowException(RESOURCE_DOES_NOT_EXIST, 404, message);
    }

    static MlflowException exists(String message) {
        return new MlflowException(RESOURCE_ALREADY_EXISTS, 400, message);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}

package dev.hatchery.registry.mlflow;

/**
 * A request to MLflow that did not succeed: the server's answer ({@code status}, MLflow's
 * {@code error_code}) or, with status 0, no answer at all (refused, timed out).
 */
final class MlflowException extends RuntimeException {

    private final int status;
    private final String errorCode;

    MlflowException(String request, int status, String errorCode, String message) {
        super(request + ": " + (status == 0 ? "" : "HTTP " + status + " ") + (errorCode.isEmpty() ? "" : errorCode + " ")
                + message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }
}

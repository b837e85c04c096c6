package dev.hatchery.registry;

/** Model bytes that must not be served: missing, corrupt, tampered with or not a model. */
public final class ModelRejectedException extends RuntimeException {

    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.hatchery.ops.command;

/**
 * Why a command stopped: one line for the operator, saying what is wrong and what to do, and the
 * exit code it ends with. Thrown before anything changed, except for {@link ExitCode#TIMED_OUT}.
 */
public final class CommandFailure extends RuntimeException {

    private final ExitCode exitCode;

    public CommandFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

package dev.hatchery.ops.command;

/**
 * How an operator command ended: 0 when it did what was asked, a distinct code for each way it
 * can refuse or fail (README, "Operating Hatchery", lists them). Scripts can tell them apart.
 */
public enum ExitCode {

    OK(0, "done"),
    FAILED(1, "an unexpected failure (the message says what)"),
    USAGE(2, "bad options, or a configuration file that is missing or invalid"),
    UNKNOWN_MODEL(10, "no such model in the cluster"),
    UNKNOWN_VERSION(11, "no such version of the model"),
    NOTHING_TO_ROLL_BACK(12, "the model has no earlier version to roll back to"),
    VERSION_REFUSED(13, "a member refused the version (corrupt, or failed its checks)"),
    ALREADY_SERVING(14, "the version asked for already serves"),
    ALREADY_PINNED(15, "the model is pinned already"),
    RUN_FAILED(16, "the training run waited for failed or timed out; the champion keeps serving"),
    BAD_SQL(17, "the SQL query is malformed or failed, or is not a query"),
    UNREADABLE_FILE(18, "the file is missing, unreadable or not a usable CSV"),
    SCHEMA_MISMATCH(19, "the CSV's columns do not fit the model"),
    CLUSTER_UNREACHABLE(20, "no member of the cluster answered within --timeout"),
    TIMED_OUT(21, "the change was made, but not every member confirmed it within --wait-timeout"),
    NO_DATA(22, "nothing to show yet (no quality windows for the model in the period asked)"),
    JOB_NOT_RUNNING(23, "a streaming job of Hatchery's is not running (suspended, failed or not submitted)"),
    LOST_OR_DUPLICATED(24, "audit: an event was lost (neither a prediction nor a dead letter) or scored twice");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}

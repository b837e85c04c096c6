package dev.hatchery.trainer;

import java.util.List;

/**
 * The record of one training run, written when it starts and again when it ends, so operators
 * see runs in progress, their decisions and their failures (SQL: {@code training_runs}). It
 * holds what retraining the identical model needs: the window's rows (their event ids are kept
 * under {@code runId} in {@code training_windows}, and {@code dataSha256} checks them), the
 * algorithm, its hyperparameters and seed.
 *
 * @param requestId         the request the run serves (one request, one finished run)
 * @param triggerKind       schedule, drift, data-drift, manual, accuracy-floor, more-data or refresh
 * @param status            RUNNING, SHADOW (registered, scoring in shadow), DEPLOYED, KEPT, FAILED,
 *                          TIMED_OUT or INTERRUPTED
 * @param hyperparameters   {@link FitOptions#toText()} of the options the challenger was trained with
 *                          (the search's choice, if it searched)
 * @param recencyHalfLifeRows the recency weighting's half-life, 0 if off
 * @param searchTrials      hyperparameter settings tried, 0 without a search
 * @param window            the window strategy, as configured
 * @param windowStartEventTime event time of the window's oldest row (Long.MIN_VALUE if empty)
 * @param windowEndEventTime event time of the window's newest row, holdout included
 * @param trainingRows      rows the challenger trained on (the oldest of the window)
 * @param holdoutRows       the newest rows, on which challenger and champion were compared
 * @param dataSha256        SHA-256 of the window's event ids in order, holdout included
 * @param trainMillis       time spent fitting the challenger
 * @param challengerOnly    holdout rows only the challenger got right
 * @param championOnly      holdout rows only the champion got right
 * @param pValue            one-sided exact McNemar p-value that the challenger is better
 * @param shadowEvents      labelled events the challenger scored in shadow beside the champion
 *                          (its trial's counts then replace the holdout's above), 0 without a trial
 * @param championVersion   the version serving when the run started
 * @param newVersion        the version registered, or 0
 * @param epoch             the epoch of its publish, or 0
 * @param detail            the gate's reasoning, or the failure's cause
 */
public record TrainingReport(
        String runId,
        String requestId,
        String model,
        String triggerKind,
        String trigger,
        String status,
        String algorithm,
        String hyperparameters,
        long seed,
        int recencyHalfLifeRows,
        int searchTrials,
        String window,
        long windowStartEventTime,
        long windowEndEventTime,
        int trainingRows,
        int holdoutRows,
        String dataSha256,
        long trainMillis,
        double challengerAccuracy,
        double championAccuracy,
        int challengerOnly,
        int championOnly,
        double pValue,
        int shadowEvents,
        int championVersion,
        int newVersion,
        long epoch,
        String detail,
        String member,
        long startedAtMillis,
        long finishedAtMillis) {

    public static final String RUNNING = "RUNNING";
    public static final String DEPLOYED = "DEPLOYED";
    public static final String SHADOW = "SHADOW";
    public static final String KEPT = "KEPT";
    public static final String FAILED = "FAILED";
    public static final String TIMED_OUT = "TIMED_OUT";
    public static final String INTERRUPTED = "INTERRUPTED";

    /** The SQL columns of the {@code training_runs} mapping, in the record's order. */
    static final List<String> COLUMNS = List.of("runId VARCHAR", "requestId VARCHAR", "model VARCHAR",
            "triggerKind VARCHAR", "trigger VARCHAR", "status VARCHAR", "algorithm VARCHAR", "hyperparameters VARCHAR",
            "seed BIGINT", "recencyHalfLifeRows INT", "searchTrials INT", "window VARCHAR", "windowStartEventTime BIGINT", "windowEndEventTime BIGINT",
            "trainingRows INT", "holdoutRows INT", "dataSha256 VARCHAR", "trainMillis BIGINT",
            "challengerAccuracy DOUBLE", "championAccuracy DOUBLE", "challengerOnly INT", "championOnly INT",
            "pValue DOUBLE", "shadowEvents INT", "championVersion INT", "newVersion INT", "epoch BIGINT", "detail VARCHAR",
            "member VARCHAR", "startedAtMillis BIGINT", "finishedAtMillis BIGINT");

    public boolean finished() {
        return !RUNNING.equals(status);
    }

    public long durationMillis() {
        return finished() ? finishedAtMillis - startedAtMillis : 0;
    }

    /** The end of the challenger's shadow trial: its counts on live events, the decision and why. */
    TrainingReport judgedInShadow(String status, HeadToHead live, long epoch, String why, long nowMillis) {
        return new TrainingReport(runId, requestId, model, triggerKind, trigger, status, algorithm, hyperparameters, seed,
                recencyHalfLifeRows, searchTrials, window, windowStartEventTime, windowEndEventTime, trainingRows,
                holdoutRows, dataSha256, trainMillis, live.challengerAccuracy(), live.championAccuracy(),
                live.challengerOnly(), live.championOnly(), live.pValue(), live.rows(), championVersion, newVersion,
                epoch, why, member, startedAtMillis, nowMillis);
    }

    TrainingReport interrupted(String why, long nowMillis) {
        return new TrainingReport(runId, requestId, model, triggerKind, trigger, INTERRUPTED, algorithm,
                hyperparameters, seed, recencyHalfLifeRows, searchTrials, window, windowStartEventTime,
                windowEndEventTime, trainingRows, holdoutRows,
                dataSha256, trainMillis, challengerAccuracy, championAccuracy, challengerOnly, championOnly, pValue,
                shadowEvents, championVersion, newVersion, epoch, why, member, startedAtMillis, nowMillis);
    }
}

package dev.hatchery.trainer;

import java.util.List;

/**
 * The record of one training run, written when it starts and again when it ends, so operators
 * see runs in progress, their decisions and their failures (SQL: {@code training_runs}). It
 * holds what retraining the identical model needs: the window's rows (their event ids are kept
 * under {@code runId} in {@code training_windows}, and {@link Window#dataSha256} checks them), the
 * algorithm, its hyperparameters and seed.
 *
 * <p>Stored form: unchanged by the grouping into parts. {@link TrainingReportSerializer} writes
 * the Compact type {@code dev.hatchery.trainer.TrainingReport} with the same 31 flat fields, of
 * the same names and kinds, that Hazelcast's zero-config serializer wrote for the flat record
 * this one replaced, status and trigger kind as their old strings. Reports stored before read
 * back as they are, SQL ({@link #COLUMNS}) and predicates on field names ({@code model},
 * {@code status}, {@code newVersion}, {@code finishedAtMillis}, …) see the same fields: no
 * migration. Every member and client that reads or writes {@code training_runs} needs the
 * serializer ({@link TrainerMaps#addSerializers}).
 *
 * @param requestId        the request the run serves (one request, one finished run)
 * @param triggerKind      why the run happened, as a kind
 * @param trigger          why the run happened, described ({@link Trigger#describe()})
 * @param challenger       how the challenger was trained
 * @param window           what it was trained and compared on
 * @param comparison       how it did against the champion
 * @param versions         the champion's version, and what the run registered and published
 * @param detail           the gate's reasoning, or the failure's cause
 * @param member           the member that ran it
 * @param finishedAtMillis when it ended, 0 while it runs
 */
public record TrainingReport(
        String runId,
        String requestId,
        String model,
        Trigger.Kind triggerKind,
        String trigger,
        Status status,
        Challenger challenger,
        Window window,
        Comparison comparison,
        Versions versions,
        String detail,
        String member,
        long startedAtMillis,
        long finishedAtMillis) {

    /** Where a run is; stored as its {@link #name()}, the strings SQL and predicates compare with. */
    public enum Status {
        RUNNING,
        /** Registered and scoring in shadow beside the champion: the run is over, its decision waits on the trial. */
        SHADOW,
        DEPLOYED,
        KEPT,
        FAILED,
        TIMED_OUT,
        /** Its member left while running it; the request runs again. */
        INTERRUPTED;

        /** Every status but {@link #RUNNING}: a shadow trial's run has ended, only its decision is pending. */
        public boolean finished() {
            return this != RUNNING;
        }
    }

    /**
     * @param algorithm           the algorithm's id ({@code Algorithm.id()})
     * @param hyperparameters     {@link FitOptions#toText()} of the options the challenger was trained with
     *                            (the search's choice, if it searched)
     * @param recencyHalfLifeRows the recency weighting's half-life, 0 if off
     * @param searchTrials        hyperparameter settings tried, 0 without a search
     * @param trainMillis         time spent fitting the challenger
     */
    public record Challenger(String algorithm, String hyperparameters, long seed, int recencyHalfLifeRows,
            int searchTrials, long trainMillis) {
    }

    /**
     * @param strategy       the window strategy, as configured
     * @param startEventTime event time of the window's oldest row (Long.MIN_VALUE if empty)
     * @param endEventTime   event time of the window's newest row, holdout included
     * @param trainingRows   rows the run's model trained on (the oldest of the window; all of it after a refit)
     * @param holdoutRows    the newest rows, on which challenger and champion were compared
     * @param dataSha256     SHA-256 of the window's event ids in order, holdout included
     */
    public record Window(String strategy, long startEventTime, long endEventTime, int trainingRows, int holdoutRows,
            String dataSha256) {
    }

    /**
     * Challenger against champion: on the holdout, or, once a shadow trial decided, on the live
     * events it scored (whose counts then replace the holdout's).
     *
     * @param challengerOnly rows only the challenger got right
     * @param championOnly   rows only the champion got right
     * @param pValue         one-sided exact McNemar p-value that the challenger is better
     * @param shadowEvents   labelled events the challenger scored in shadow beside the champion, 0 without a trial
     */
    public record Comparison(double challengerAccuracy, double championAccuracy, int challengerOnly,
            int championOnly, double pValue, int shadowEvents) {

        /** The counts of a shadow trial's live events. */
        static Comparison live(HeadToHead live) {
            return new Comparison(live.challengerAccuracy(), live.championAccuracy(), live.challengerOnly(),
                    live.championOnly(), live.pValue(), live.rows());
        }
    }

    /**
     * @param championVersion the version serving when the run started
     * @param newVersion      the version registered, or 0
     * @param epoch           the epoch of its publish, or 0
     */
    public record Versions(int championVersion, int newVersion, long epoch) {

        Versions withEpoch(long epoch) {
            return new Versions(championVersion, newVersion, epoch);
        }
    }

    /**
     * The SQL columns of the {@code training_runs} mapping: the stored form's flat fields, in the
     * order of the flat record it was first written from.
     */
    static final List<String> COLUMNS = List.of("runId VARCHAR", "requestId VARCHAR", "model VARCHAR",
            "triggerKind VARCHAR", "trigger VARCHAR", "status VARCHAR", "algorithm VARCHAR", "hyperparameters VARCHAR",
            "seed BIGINT", "recencyHalfLifeRows INT", "searchTrials INT", "window VARCHAR", "windowStartEventTime BIGINT", "windowEndEventTime BIGINT",
            "trainingRows INT", "holdoutRows INT", "dataSha256 VARCHAR", "trainMillis BIGINT",
            "challengerAccuracy DOUBLE", "championAccuracy DOUBLE", "challengerOnly INT", "championOnly INT",
            "pValue DOUBLE", "shadowEvents INT", "championVersion INT", "newVersion INT", "epoch BIGINT", "detail VARCHAR",
            "member VARCHAR", "startedAtMillis BIGINT", "finishedAtMillis BIGINT");

    public boolean finished() {
        return status.finished();
    }

    public long durationMillis() {
        return finished() ? finishedAtMillis - startedAtMillis : 0;
    }

    /** The same run, ended: its status, the reason and when. */
    TrainingReport withEnd(Status status, String detail, long finishedAtMillis) {
        return new TrainingReport(runId, requestId, model, triggerKind, trigger, status, challenger, window, comparison,
                versions, detail, member, startedAtMillis, finishedAtMillis);
    }

    TrainingReport withComparison(Comparison comparison) {
        return new TrainingReport(runId, requestId, model, triggerKind, trigger, status, challenger, window, comparison,
                versions, detail, member, startedAtMillis, finishedAtMillis);
    }

    TrainingReport withVersions(Versions versions) {
        return new TrainingReport(runId, requestId, model, triggerKind, trigger, status, challenger, window, comparison,
                versions, detail, member, startedAtMillis, finishedAtMillis);
    }

    /** The end of the challenger's shadow trial: its counts on live events, the decision and why. */
    TrainingReport judgedInShadow(Status status, HeadToHead live, long epoch, String why, long nowMillis) {
        return withComparison(Comparison.live(live)).withVersions(versions.withEpoch(epoch))
                .withEnd(status, why, nowMillis);
    }

    TrainingReport interrupted(String why, long nowMillis) {
        return withEnd(Status.INTERRUPTED, why, nowMillis);
    }
}

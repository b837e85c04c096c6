package dev.hatchery.feedback;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import dev.hatchery.feedback.drift.DetectorState;
import dev.hatchery.feedback.drift.DriftDetector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Watches one model's outcomes: rolling accuracy and a drift detector on the errors of the
 * version that serves now, plus a check of that version against its holdout accuracy. Outcomes of an older epoch (late labels of a replaced version) do
 * not feed the detector; the first outcome of a newer epoch resets it. Kept in the job's
 * snapshots.
 */
final class ModelWatch implements Serializable {

    private final FeedbackSettings settings;
    private @Nullable DriftDetector detector;
    private final boolean[] recentCorrect;
    private final long[] recentEventTimes;
    private int version;
    private long epoch;
    private long outcomes;
    private long recentCount;
    private long recentCorrectCount;
    private DetectorState state = DetectorState.STABLE;
    private long warningSinceEventTime = -1;
    private long signals;
    private boolean shortfallSignalled;

    ModelWatch(FeedbackSettings settings) {
        this.settings = settings;
        this.recentCorrect = new boolean[settings.rollingWindow()];
        this.recentEventTimes = new long[settings.rollingWindow()];
    }

    /** What this outcome changes: nothing, a {@link ModelHealth}, and perhaps a {@link DriftSignal}. */
    Traverser<WatchReport> observe(Outcome outcome, double expectedAccuracy, long nowMillis) {
        if (outcome.epoch() < epoch) {
            return Traversers.empty();
        }
        if (outcome.epoch() > epoch) {
            startEpoch(outcome);
        }
        DriftDetector detector = Objects.requireNonNull(this.detector);
        boolean correct = outcome.correct();
        int slot = (int) (recentCount % recentCorrect.length);
        if (recentCount >= recentCorrect.length && recentCorrect[slot]) {
            recentCorrectCount--;
        }
        recentCorrect[slot] = correct;
        recentEventTimes[slot] = outcome.eventTimeMillis();
        recentCount++;
        if (correct) {
            recentCorrectCount++;
        }
        outcomes++;

        DetectorState next = detector.update(!correct);
        String tipped = detector.name();
        double statistic = detector.statistic();
        if (next != DetectorState.DRIFT && fallsShort(expectedAccuracy)) {
            tipped = "SHORTFALL";
            statistic = rollingAccuracy();
            // A detector only sees the error rise above what this version has done; a version that was
            // wrong for the stream from its first outcome (say, published just as the concept
            // changed) never rises. Judge it against the accuracy it promised.
            next = DetectorState.DRIFT;
        }
        List<WatchReport> out = new ArrayList<>(2);
        if (next == DetectorState.WARNING && state == DetectorState.STABLE) {
            warningSinceEventTime = outcome.eventTimeMillis();
        } else if (next == DetectorState.STABLE) {
            warningSinceEventTime = -1;
        }
        if (next == DetectorState.DRIFT) {
            signals++;
            long since = Math.max(warningSinceEventTime, lookBackEventTime());
            out.add(new DriftSignal(outcome.model(), version, epoch, signals, outcome.eventId(),
                    outcome.eventTimeMillis(), since, detector.errorRate(), nowMillis, tipped, outcomes, statistic));
            // A drift is reported once; the detector then learns the new error level afresh, and
            // the shortfall check, which would see the same drift again, stands down for this epoch.
            detector.reset();
            shortfallSignalled = true;
            warningSinceEventTime = -1;
        }
        boolean changed = next != state;
        state = next;
        if (changed || outcomes % settings.healthEvery() == 0) {
            out.add(health(outcome, nowMillis));
        }
        if (state == DetectorState.DRIFT) {
            state = DetectorState.STABLE;
        }
        return Traversers.traverseIterable(out);
    }

    /**
     * The event time {@code driftLookback} outcomes ago (or the oldest remembered). A detector
     * (DDM, say) may warn long before a drift and never calm down; a window reaching back to such a warning would
     * mix the old concept into the new one's training data.
     */
    private long lookBackEventTime() {
        long back = Math.min(Math.min(settings.driftLookback(), recentCount), recentCorrect.length) - 1;
        return recentEventTimes[(int) ((recentCount - 1 - back) % recentCorrect.length)];
    }

    private void startEpoch(Outcome outcome) {
        version = outcome.version();
        epoch = outcome.epoch();
        outcomes = 0;
        recentCount = 0;
        recentCorrectCount = 0;
        // The model's own detector, fresh for each epoch: what it learnt was the previous version's errors.
        detector = settings.detectorFor(outcome.model()).newDetector();
        state = DetectorState.STABLE;
        warningSinceEventTime = -1;
        shortfallSignalled = false;
    }

    /** Whether, over a full rolling window, this epoch is more than the allowed drop below its holdout accuracy. */
    private boolean fallsShort(double expectedAccuracy) {
        return !shortfallSignalled && recentCount >= recentCorrect.length && Double.isFinite(expectedAccuracy)
                && rollingAccuracy() < expectedAccuracy - settings.maxAccuracyDrop();
    }

    private double rollingAccuracy() {
        return recentCount == 0 ? Double.NaN : (double) recentCorrectCount / Math.min(recentCount, recentCorrect.length);
    }

    private ModelHealth health(Outcome outcome, long nowMillis) {
        return new ModelHealth(outcome.model(), version, epoch, state, rollingAccuracy(),
                Objects.requireNonNull(detector).errorRate(), outcomes,
                outcome.eventId(), nowMillis);
    }
}

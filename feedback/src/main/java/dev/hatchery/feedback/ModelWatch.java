package dev.hatchery.feedback;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches one model's outcomes: rolling accuracy and a drift detector on the errors of the
 * version that serves now. Outcomes of an older epoch (late labels of a replaced version) do
 * not feed the detector; the first outcome of a newer epoch resets it. Kept in the job's
 * snapshots.
 */
final class ModelWatch implements Serializable {

    private final FeedbackSettings settings;
    private final DriftDetector detector;
    private final boolean[] recentCorrect;
    private int version;
    private long epoch;
    private long outcomes;
    private long recentCount;
    private long recentCorrectCount;
    private DetectorState state = DetectorState.STABLE;
    private long warningSinceEventTime = -1;
    private long signals;

    ModelWatch(FeedbackSettings settings) {
        this.settings = settings;
        this.detector = new Ddm(settings.ddm());
        this.recentCorrect = new boolean[settings.rollingWindow()];
    }

    /** What this outcome changes: nothing, a {@link ModelHealth}, and perhaps a {@link DriftSignal}. */
    Traverser<Object> observe(Outcome outcome, long nowMillis) {
        if (outcome.epoch() < epoch) {
            return Traversers.empty();
        }
        if (outcome.epoch() > epoch) {
            startEpoch(outcome);
        }
        boolean correct = outcome.correct();
        int slot = (int) (recentCount % recentCorrect.length);
        if (recentCount >= recentCorrect.length && recentCorrect[slot]) {
            recentCorrectCount--;
        }
        recentCorrect[slot] = correct;
        recentCount++;
        if (correct) {
            recentCorrectCount++;
        }
        outcomes++;

        DetectorState next = detector.update(!correct);
        List<Object> out = new ArrayList<>(2);
        if (next == DetectorState.WARNING && state == DetectorState.STABLE) {
            warningSinceEventTime = outcome.eventTimeMillis();
        } else if (next == DetectorState.STABLE) {
            warningSinceEventTime = -1;
        }
        if (next == DetectorState.DRIFT) {
            signals++;
            long since = warningSinceEventTime >= 0 ? warningSinceEventTime : outcome.eventTimeMillis();
            out.add(new DriftSignal(outcome.model(), version, epoch, signals, outcome.eventId(),
                    outcome.eventTimeMillis(), since, detector.errorRate(), nowMillis));
            // A drift is reported once; the detector then learns the new error level afresh.
            detector.reset();
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

    private void startEpoch(Outcome outcome) {
        version = outcome.version();
        epoch = outcome.epoch();
        outcomes = 0;
        recentCount = 0;
        recentCorrectCount = 0;
        detector.reset();
        state = DetectorState.STABLE;
        warningSinceEventTime = -1;
    }

    private ModelHealth health(Outcome outcome, long nowMillis) {
        double rolling = recentCount == 0 ? Double.NaN
                : (double) recentCorrectCount / Math.min(recentCount, recentCorrect.length);
        return new ModelHealth(outcome.model(), version, epoch, state, rolling, detector.errorRate(), outcomes,
                outcome.eventId(), nowMillis);
    }
}

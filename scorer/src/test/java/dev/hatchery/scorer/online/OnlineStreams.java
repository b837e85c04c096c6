package dev.hatchery.scorer.online;

import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Outcomes for the replicas' tests, from a seed, and what a plain loop learns from them. */
final class OnlineStreams {

    static final int FEATURES = 4;

    private OnlineStreams() {
    }

    /**
     * {@code rows} outcomes of four features uniform in [0, 10): "high" when x0 + x1 exceeds a
     * threshold that moves at every third of the stream (8, 11, 7), "low" otherwise, with a
     * twentieth of the labels flipped; from row {@code lateFrom} on, a row whose x2 exceeds 7 is
     * of a third class, "late". Event ids {@code prefix-0 …}.
     */
    static List<LoggedOutcome> drifting(String prefix, int rows, int lateFrom, long seed) {
        Random random = new Random(seed);
        double[] thresholds = {8, 11, 7};
        List<LoggedOutcome> outcomes = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] row = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                row[j] = 10 * random.nextDouble();
            }
            boolean high = row[0] + row[1] > thresholds[Math.min(2, 3 * i / rows)];
            if (random.nextDouble() < 0.05) {
                high = !high;
            }
            String label = i >= lateFrom && row[2] > 7 ? "late" : high ? "high" : "low";
            outcomes.add(new LoggedOutcome(prefix + "-" + i, row, label, 1_700_000_000_000L + i, 0));
        }
        return outcomes;
    }

    /** Rows to score, apart from the outcomes. */
    static double[][] rows(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][FEATURES];
        for (double[] row : rows) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = 10 * random.nextDouble();
            }
        }
        return rows;
    }

    /**
     * The log's entries a replica learns, worked out plainly: an entry is left out if its event id
     * is that of one of the {@code window} entries before it.
     */
    static List<LoggedOutcome> deduplicated(List<LoggedOutcome> log, int window) {
        List<LoggedOutcome> kept = new ArrayList<>();
        for (int q = 0; q < log.size(); q++) {
            String id = log.get(q).eventId();
            boolean duplicate = false;
            for (int p = Math.max(0, q - window); p < q && !duplicate; p++) {
                duplicate = log.get(p).eventId().equals(id);
            }
            if (!duplicate) {
                kept.add(log.get(q));
            }
        }
        return kept;
    }

    /** A learner fed the outcomes in a plain loop, those it refuses skipped. */
    static OnlineLearner plainlyLearnt(LearnerSpec spec, List<LoggedOutcome> outcomes) {
        OnlineLearner learner = OnlineLearner.create(spec, FEATURES);
        for (LoggedOutcome outcome : outcomes) {
            try {
                learner.learn(outcome.features(), outcome.label());
            } catch (IllegalArgumentException refused) {
                // as the replicas do
            }
        }
        return learner;
    }

    /** The same outcome under another event id, or the same id again (a retry). */
    static LoggedOutcome withId(LoggedOutcome outcome, String eventId) {
        return new LoggedOutcome(eventId, outcome.features(), outcome.label(), outcome.eventTimeMillis(),
                outcome.loggedAtMillis());
    }
}

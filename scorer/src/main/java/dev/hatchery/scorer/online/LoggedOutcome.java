package dev.hatchery.scorer.online;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One outcome in a model's {@link OutcomeLog}: an event's features and its true label, in the
 * order the replicas learn them. The log refuses an outcome that no learner could take
 * ({@link #problem}), so every entry a replica reads is well formed; whether it suits the
 * learner (its width, a class beyond its capacity) is the learner's to say.
 *
 * @param eventId         the event's identity: an entry whose id occurs among the entries just
 *                        before it is a duplicate, and skipped by every replica alike
 * @param features        the event's feature values, in the model's order
 * @param label           the true class, as a word
 * @param eventTimeMillis when the event happened (epoch millis)
 * @param loggedAtMillis  when the outcome was written to the log (epoch millis); for the record,
 *                        it plays no part in learning or deduplication
 */
public record LoggedOutcome(String eventId, double[] features, String label, long eventTimeMillis,
        long loggedAtMillis) {

    /**
     * Why the log refuses this outcome, or null if it takes it: a blank event id, no features, a
     * feature that is not finite, a blank label.
     */
    public static @Nullable String problem(@Nullable LoggedOutcome outcome) {
        if (outcome == null) {
            return "the outcome is null";
        }
        if (outcome.eventId() == null || outcome.eventId().isBlank()) {
            return "the outcome has no event id";
        }
        String of = "outcome of event '" + outcome.eventId() + "'";
        if (outcome.features() == null || outcome.features().length == 0) {
            return of + " has no features";
        }
        for (int j = 0; j < outcome.features().length; j++) {
            if (!Double.isFinite(outcome.features()[j])) {
                return of + ": feature " + j + " is " + outcome.features()[j] + ", and a learner takes finite values only";
            }
        }
        if (outcome.label() == null || outcome.label().isBlank()) {
            return of + " has a blank label";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoggedOutcome that && eventId.equals(that.eventId)
                && Arrays.equals(features, that.features) && label.equals(that.label)
                && eventTimeMillis == that.eventTimeMillis && loggedAtMillis == that.loggedAtMillis;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * eventId.hashCode() + Arrays.hashCode(features)) + label.hashCode();
    }

    @Override
    public String toString() {
        return "LoggedOutcome[" + eventId + " " + Arrays.toString(features) + " → " + label + ", event time "
                + eventTimeMillis + ", logged at " + loggedAtMillis + "]";
    }
}

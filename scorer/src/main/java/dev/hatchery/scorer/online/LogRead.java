package dev.hatchery.scorer.online;

import java.util.List;

/**
 * What a read of an {@link OutcomeLog} from a sequence yields: the entries from there on; or,
 * explicitly, that the entries asked for are gone ({@link Behind}) or were never written
 * ({@link Ahead}). The log is a ring: a reader never gets a gap, it gets told.
 */
public sealed interface LogRead {

    /**
     * Consecutive entries: {@code outcomes.get(i)} is the entry at sequence {@code from + i}.
     *
     * @param from     the sequence of the first entry, the one asked for
     * @param outcomes at least one entry for a read that waits, none only for a range read of nothing
     */
    record Entries(long from, List<LoggedOutcome> outcomes) implements LogRead {

        public Entries {
            outcomes = List.copyOf(outcomes);
        }

        /** The sequence to read from next. */
        public long next() {
            return from + outcomes.size();
        }
    }

    /**
     * The log has overwritten the entry asked for: its oldest entry now is at {@code head}. A
     * reader cannot go on from {@code requested} without losing entries; a replica needs a
     * checkpoint at {@code head} or later.
     */
    record Behind(long requested, long head) implements LogRead {
    }

    /**
     * The log never held the entry asked for: its newest is at {@code tail}, more than one
     * before {@code requested}. The reader's position comes from another log (one that was
     * destroyed and made anew, a cluster restarted without the log).
     */
    record Ahead(long requested, long tail) implements LogRead {
    }
}

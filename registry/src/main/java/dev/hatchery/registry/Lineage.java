package dev.hatchery.registry;

import dev.hatchery.registry.online.LearnerSpec;
import java.util.OptionalDouble;

/**
 * How a version was made: a batch fit of a Smile algorithm, or a checkpoint of an online learner
 * at a known point of its model's outcome log.
 */
public sealed interface Lineage {

    ModelKind kind();

    /** What made the version, for people and tags: a batch algorithm's id, or an online learner's text. */
    String method();

    /** A Smile model trained in one fit (its rows and holdout accuracy are on the version). */
    record Batch(Algorithm algorithm) implements Lineage {

        @Override
        public ModelKind kind() {
            return ModelKind.BATCH;
        }

        @Override
        public String method() {
            return algorithm.id();
        }
    }

    /**
     * A checkpoint of an online learner. It has learnt {@code revision} outcomes in all; its period
     * is the outcome log's entries from {@code fromSequence} (inclusive) to {@code toSequence}
     * (exclusive), which it has applied: a replica restored from it replays the log from
     * {@code toSequence}. Of the period's entries, {@code periodOutcomes} were learnt (duplicates
     * are skipped), and the replica had predicted {@code periodCorrect} of them right before
     * learning each (test-then-train).
     *
     * <p>The learner is kept as its text, seed and class capacity rather than a {@link LearnerSpec}:
     * a spec checks its learner with MOA when made, and a version record must stay readable even
     * if that check would one day refuse it.
     *
     * @param learner    the {@link LearnerSpec#text()} of the learner
     * @param seed       its {@link LearnerSpec#seed()}
     * @param maxClasses its {@link LearnerSpec#maxClasses()}
     */
    record Online(String learner, int seed, int maxClasses, long revision, long fromSequence, long toSequence,
            long periodOutcomes, long periodCorrect) implements Lineage {

        public Online {
            if (learner.isBlank()) {
                throw new IllegalArgumentException("an online checkpoint needs its learner's text");
            }
            if (revision < 0) {
                throw new IllegalArgumentException("revision must be 0 or more, got " + revision);
            }
            if (fromSequence < 0 || toSequence < fromSequence) {
                throw new IllegalArgumentException("log range [" + fromSequence + ", " + toSequence
                        + ") is not a range of sequences: from must be 0 or more and to at least from");
            }
            if (periodOutcomes < 0 || periodOutcomes > toSequence - fromSequence || periodOutcomes > revision) {
                throw new IllegalArgumentException("periodOutcomes " + periodOutcomes + " must be between 0 and both the "
                        + (toSequence - fromSequence) + " log entries of [" + fromSequence + ", " + toSequence
                        + ") and the revision " + revision);
            }
            if (periodCorrect < 0 || periodCorrect > periodOutcomes) {
                throw new IllegalArgumentException("periodCorrect " + periodCorrect + " must be between 0 and periodOutcomes "
                        + periodOutcomes);
            }
        }

        @Override
        public ModelKind kind() {
            return ModelKind.ONLINE;
        }

        @Override
        public String method() {
            return learner;
        }

        /** The learner this checkpoint was made with, checked again by MOA. */
        public LearnerSpec spec() {
            return LearnerSpec.parse(learner).withSeed(seed).withMaxClasses(maxClasses);
        }

        /** Test-then-train accuracy over the period; empty if it learnt no outcome (say, a v1). */
        public OptionalDouble prequentialAccuracy() {
            return periodOutcomes == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) periodCorrect / periodOutcomes);
        }
    }
}

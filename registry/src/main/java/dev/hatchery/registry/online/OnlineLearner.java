package dev.hatchery.registry.online;

import dev.hatchery.registry.ModelCodec;
import java.util.List;

/**
 * A model that learns from every outcome, one at a time. Its state — the learner, the classes
 * met in order of first appearance, the revision — is a function of the spec and the outcomes
 * learnt, in order: learners made alike and fed alike have the same {@link #sha256()}, and one
 * restored {@link #fromBytes from the bytes} of another goes on exactly as the other would.
 *
 * <p>Outcomes are checked before anything changes: a row of the wrong width or with a value
 * that is not finite, a blank label, or a label beyond the class capacity is refused with an
 * {@link IllegalArgumentException}, and the state stays as it was.
 *
 * <p>Not safe for concurrent use: MOA's learners must not predict while another thread trains
 * them. The caller hands the learner over between threads.
 */
public sealed interface OnlineLearner permits MoaLearner, LogisticLearner {

    /** A learner that has learnt nothing, for rows of {@code features} values. */
    static OnlineLearner create(LearnerSpec spec, int features) {
        if (features < 1) {
            throw new IllegalArgumentException("an online learner needs at least one feature, got " + features);
        }
        return switch (spec.kind()) {
            case HOEFFDING_ADAPTIVE_TREE, ADAPTIVE_RANDOM_FOREST, LEVERAGING_BAGGING -> new MoaLearner(spec, features);
            case LOGISTIC_REGRESSION -> new LogisticLearner(spec, features);
        };
    }

    /**
     * The learner whose {@link #toBytes()} these are.
     *
     * @throws IllegalArgumentException if the bytes are corrupt or hold anything but a learner
     *                                  made of the classes a learner is made of
     */
    static OnlineLearner fromBytes(byte[] bytes) {
        return LearnerBytes.decode(bytes);
    }

    LearnerSpec spec();

    /** How many values a row has. */
    int features();

    /** The labels learnt so far, in order of first appearance: the indexes of a posterior. */
    List<String> classes();

    /** How many outcomes have been learnt. */
    long revision();

    /**
     * Learns one outcome: the row's true label. A label not met before becomes the next class.
     *
     * @throws IllegalArgumentException if the outcome is refused; the learner is unchanged
     */
    void learn(double[] row, String label);

    /**
     * The learner's answer for a row. Before the first outcome: {@link OnlinePrediction#NOT_YET}.
     * With one class known: that class, probability 1. Otherwise the learner's posterior over the
     * classes known; if the learner votes for none (MOA's may, briefly), how often each class was
     * learnt.
     *
     * @throws IllegalArgumentException if the row has the wrong width or a value that is not finite
     */
    OnlinePrediction predict(double[] row);

    /** The complete state as Java serialization: the learner, its classes, its revision and spec. */
    default byte[] toBytes() {
        return LearnerBytes.encode(this);
    }

    /** The SHA-256 of {@link #toBytes()}, in lower-case hex: equal for replicas in the same state. */
    default String sha256() {
        return ModelCodec.sha256(toBytes());
    }
}

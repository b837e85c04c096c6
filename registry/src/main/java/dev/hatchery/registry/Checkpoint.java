package dev.hatchery.registry;

import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import java.util.List;

/**
 * What the member that checkpoints an online model hands the registry for a new version: the
 * learner's state at one moment, taken as bytes when this is made, with its place in the model's
 * outcome log and how it did over its period (see {@link Lineage.Online}). The registry assigns
 * the version number.
 *
 * <p>The state is copied in {@link #of}: the caller takes the checkpoint between two updates
 * (the learner is not safe for concurrent use) and may go on training the learner at once,
 * while the registration writes to the cluster.
 */
public final class Checkpoint {

    private final String model;
    private final List<String> features;
    private final List<String> classes;
    private final Lineage.Online lineage;
    private final byte[] bytes;
    private final String runId;

    private Checkpoint(String model, List<String> features, List<String> classes, Lineage.Online lineage, byte[] bytes,
            String runId) {
        this.model = model;
        this.features = features;
        this.classes = classes;
        this.lineage = lineage;
        this.bytes = bytes;
        this.runId = runId;
    }

    /**
     * The learner's state now.
     *
     * @param features       the names of a row's values, as many as the learner takes
     * @param fromSequence   the first log sequence of the period (the previous checkpoint's {@code toSequence})
     * @param toSequence     the sequence after the last entry the learner has applied
     * @param periodOutcomes outcomes of the period the learner learnt
     * @param periodCorrect  of those, how many it had predicted right just before learning them
     * @throws IllegalArgumentException if the names do not fit the learner or the range and counts do not fit each other
     */
    public static Checkpoint of(String model, List<String> features, OnlineLearner learner, long fromSequence,
            long toSequence, long periodOutcomes, long periodCorrect, String runId) {
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (features.size() != learner.features()) {
            throw new IllegalArgumentException("model '" + model + "': " + features.size() + " feature names " + features
                    + " for a learner of " + learner.features() + " values per row");
        }
        LearnerSpec spec = learner.spec();
        Lineage.Online lineage = new Lineage.Online(spec.text(), spec.seed(), spec.maxClasses(), learner.revision(),
                fromSequence, toSequence, periodOutcomes, periodCorrect);
        return new Checkpoint(model, List.copyOf(features), List.copyOf(learner.classes()), lineage, learner.toBytes(),
                runId);
    }

    /**
     * An online model's first version: a learner that has learnt nothing, revision 0, its period
     * empty and starting at {@code fromSequence}, the head of the model's outcome log, so that a
     * replica restored from it applies the log from there.
     */
    public static Checkpoint first(String model, List<String> features, LearnerSpec spec, long fromSequence,
            String runId) {
        return of(model, features, OnlineLearner.create(spec, features.size()), fromSequence, fromSequence, 0, 0, runId);
    }

    public String model() {
        return model;
    }

    public List<String> features() {
        return features;
    }

    /** The labels the learner had met, in order of first appearance. */
    public List<String> classes() {
        return classes;
    }

    public Lineage.Online lineage() {
        return lineage;
    }

    public String runId() {
        return runId;
    }

    /** The learner's state as {@link OnlineLearner#toBytes()} gave it; stored as it is. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * What the version records as its accuracy: test-then-train over the period, or 0 before any
     * outcome (a number either way, since the accuracy goes to places that take no NaN, MLflow's
     * metrics among them).
     */
    double accuracy() {
        return lineage.prequentialAccuracy().orElse(0);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + model + ", " + lineage + ", " + bytes.length + " bytes]";
    }
}

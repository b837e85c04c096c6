package dev.hatchery.trainer;

import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.online.LearnerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a model is retrained in batches or learns online from every outcome, and, for an
 * online model, its learner and how often its replica is checkpointed as a version. The learner
 * is a {@link LearnerSpec}, so it has been built, trained and round-tripped through serialization
 * by the time these settings exist: a learner that cannot be replicated (MOA's SRP, ARF with
 * {@code -j} above 1) is refused with the configuration, not at the first outcome.
 *
 * @param kind            {@code batch} (Smile, retrained by the trainer) or {@code online}
 * @param learner         the online learner, its seed and class capacity; unused by a batch model
 * @param checkpointEvery outcomes learnt between two checkpoints of an online model
 */
public record OnlineSettings(ModelKind kind, LearnerSpec learner, int checkpointEvery) {

    /**
     * Leveraging Bagging: the best of the learners measured on ELEC2 one label late (89.8 %,
     * DESIGN.md), about 420 KB a checkpoint, so a checkpoint every 1,000 outcomes costs little.
     */
    public static final LearnerSpec DEFAULT_LEARNER = LearnerSpec.parse("levbag");
    public static final OnlineSettings DEFAULTS = new OnlineSettings(ModelKind.BATCH, DEFAULT_LEARNER, 1_000);

    public OnlineSettings {
        List<String> problems = new ArrayList<>();
        if (checkpointEvery < 1) {
            problems.add("trainer.online.checkpointEvery must be 1 or more (outcomes between checkpoints), got "
                    + checkpointEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid online settings: " + String.join("; ", problems));
        }
    }

    public boolean online() {
        return kind == ModelKind.ONLINE;
    }
}

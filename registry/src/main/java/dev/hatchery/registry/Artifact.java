package dev.hatchery.registry;

import dev.hatchery.registry.online.OnlineLearner;

/** What a version's bytes hold once loaded and checked: a Smile model, or an online learner. */
public sealed interface Artifact {

    /** An immutable Smile model, safe to share between threads. */
    record Batch(TrainedModel model) implements Artifact {
    }

    /**
     * A learner restored from a checkpoint, at the checkpoint's revision. It is the caller's own:
     * a fresh object from every load, not safe for concurrent use.
     */
    record Online(OnlineLearner learner) implements Artifact {
    }
}

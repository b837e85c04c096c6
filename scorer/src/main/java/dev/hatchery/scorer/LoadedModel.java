package dev.hatchery.scorer;

import dev.hatchery.registry.TrainedModel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model version loaded, validated and ready to serve on this member. Immutable but for
 * the flag that notes its first prediction.
 */
public record LoadedModel(String name, int version, long epoch, TrainedModel model, AtomicBoolean used) {

    LoadedModel(String name, int version, long epoch, TrainedModel model) {
        this(name, version, epoch, model, new AtomicBoolean());
    }

    /** True exactly once: for the first event this version scores on this member. */
    boolean firstUse() {
        return !used.get() && used.compareAndSet(false, true);
    }
}

package dev.hatchery.scorer;

import dev.hatchery.registry.TrainedModel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model version loaded, checked and serving on this member. Immutable but for the flag that
 * notes its first prediction and the rows it samples, which pass on to the version after it.
 */
public record LoadedModel(String name, int version, long epoch, TrainedModel model, AtomicBoolean used,
        RecentRows recent) {

    LoadedModel(String name, int version, long epoch, TrainedModel model) {
        this(name, version, epoch, model, new AtomicBoolean(), new RecentRows());
    }

    /** The same version, sampling into {@code earlier}'s rows so the sample survives swaps. */
    LoadedModel following(LoadedModel earlier) {
        return new LoadedModel(name, version, epoch, model, used, earlier.recent);
    }

    /** True exactly once: for the first event this version scores on this member. */
    boolean firstUse() {
        return !used.get() && used.compareAndSet(false, true);
    }
}

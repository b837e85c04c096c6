package dev.hatchery.scorer;

import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.online.Replica;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model version loaded, checked and serving on this member. Immutable but for the flag that
 * notes its first prediction and the rows it samples, which pass on to the version after it
 * (and, for an online version, its replica's learning).
 */
public record LoadedModel(String name, int version, long epoch, ServedModel served, AtomicBoolean used,
        RecentRows recent) {

    LoadedModel(String name, int version, long epoch, TrainedModel model) {
        this(name, version, epoch, new ServedModel.Batch(model));
    }

    LoadedModel(String name, int version, long epoch, ServedModel served) {
        this(name, version, epoch, served, new AtomicBoolean(), new RecentRows());
    }

    /**
     * A batch version's model.
     *
     * @throws IllegalStateException for an online version, whose answers come from its {@link #replica()}
     */
    public TrainedModel model() {
        return switch (served) {
            case ServedModel.Batch batch -> batch.model();
            case ServedModel.Online online -> throw new IllegalStateException(name + " v" + version
                    + " is an online model: it answers through its replica");
        };
    }

    /** An online version's replica; empty for a batch version. */
    public Optional<Replica> replica() {
        return served instanceof ServedModel.Online online ? Optional.of(online.replica()) : Optional.empty();
    }

    public List<String> features() {
        return served.features();
    }

    /** The same version, sampling into {@code earlier}'s rows so the sample survives swaps. */
    LoadedModel following(LoadedModel earlier) {
        return new LoadedModel(name, version, epoch, served, used, earlier.recent);
    }

    /** True exactly once: for the first event this version scores on this member. */
    boolean firstUse() {
        return !used.get() && used.compareAndSet(false, true);
    }
}

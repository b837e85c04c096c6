package dev.hatchery.scorer;

import dev.hatchery.registry.Deployment;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The version this member serves of each model, and the newest pointer it has heard of: the one
 * place a swap happens, so that whatever brings a model into service here passes the same epoch
 * check and wakes the events waiting for it.
 */
final class ServedVersions {

    private final ActivationWait wait;
    private final Map<String, LoadedModel> serving = new ConcurrentHashMap<>();
    /** The newest pointer heard of per model, served or not: a dead letter says why it is not. */
    private final Map<String, Deployment> heard = new ConcurrentHashMap<>();

    ServedVersions(ActivationWait wait) {
        this.wait = wait;
    }

    /** The version served for {@code model} at this instant; null if none. */
    @Nullable LoadedModel get(String model) {
        return serving.get(model);
    }

    /** Notes a pointer, heard or read; an older one than already heard of is forgotten. */
    void hear(Deployment deployment) {
        heard.merge(deployment.model(), deployment, ServedVersions::later);
    }

    /** The newest pointer of {@code model} heard of here; null if none. */
    @Nullable Deployment heard(String model) {
        return heard.get(model);
    }

    /** Whether {@code deployment} is newer than what this member serves of its model. */
    boolean isNewer(Deployment deployment) {
        LoadedModel current = serving.get(deployment.model());
        return current == null || deployment.epoch() > current.epoch();
    }

    /**
     * Swaps in {@code loaded} unless this member already serves a higher or equal epoch; true if
     * it did. Events waiting for a version of the model are then scored (on the releaser thread).
     */
    boolean swap(LoadedModel loaded) {
        LoadedModel result = serving.merge(loaded.name(), loaded,
                (current, candidate) -> candidate.epoch() > current.epoch() ? candidate.following(current) : current);
        boolean swapped = result.epoch() == loaded.epoch() && result.served() == loaded.served();
        if (swapped) {
            wait.activated(loaded.name());
        }
        return swapped;
    }

    /** Every version served here now. */
    Collection<LoadedModel> all() {
        return List.copyOf(serving.values());
    }

    /** Puts {@code with} in {@code loaded}'s place, if it still serves: a rebuilt replica under the same epoch. */
    boolean replace(LoadedModel loaded, LoadedModel with) {
        return serving.replace(loaded.name(), loaded, with);
    }

    /** The pointer of the higher epoch. */
    static Deployment later(Deployment a, Deployment b) {
        return b.epoch() > a.epoch() ? b : a;
    }
}

package dev.hatchery.scorer;

import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Refusal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions this member refused to serve, kept so that a bad version is loaded once, not at
 * every reconciliation, and recorded in the registry, where operators see who refused what and why.
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private final ModelRegistry registry;
    /** Versions that failed to load or check, by version key, with the latest refusal recorded. */
    private final Map<String, Refusal> byVersionKey = new ConcurrentHashMap<>();

    Refusals(ModelRegistry registry) {
        this.registry = registry;
    }

    /** The refusal of the version {@code versionKey} here; null if it was not refused. */
    @Nullable Refusal of(String versionKey) {
        return byVersionKey.get(versionKey);
    }

    boolean contains(String versionKey) {
        return byVersionKey.containsKey(versionKey);
    }

    /** Whether {@code deployment}'s version was refused for this very deployment, not an earlier one. */
    boolean refusedAt(Deployment deployment) {
        Refusal refusal = byVersionKey.get(deployment.versionKey());
        return refusal != null && refusal.epoch() == deployment.epoch();
    }

    /** Keeps {@code refusal} as the latest of its version; {@link #record} tells the registry. */
    void keep(Refusal refusal) {
        byVersionKey.put(ModelVersion.key(refusal.model(), refusal.version()), refusal);
    }

    /** Records {@code refusal} in the registry; a failure to is logged, not thrown: serving goes on. */
    void record(Refusal refusal) {
        try {
            registry.recordRefusal(refusal);
        } catch (RuntimeException e) {
            LOG.warn("could not record the refusal of {}/v{}: {}", refusal.model(), refusal.version(), e.toString());
        }
    }
}

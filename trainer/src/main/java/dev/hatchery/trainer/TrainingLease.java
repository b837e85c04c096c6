package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The per-model training lease: an IMap entry lock with a lease time, so that one member at a
 * time trains, judges or bootstraps a model, and a member that dies holding it holds it no
 * longer than {@code trainer.leaseSeconds}.
 */
final class TrainingLease {

    private final IMap<String, Boolean> leases;
    private final int leaseSeconds;

    TrainingLease(HazelcastInstance hazelcast, int leaseSeconds) {
        this.leases = hazelcast.getMap(TrainerMaps.LEASES);
        this.leaseSeconds = leaseSeconds;
    }

    /**
     * Runs {@code work} holding the model's lease, if no other thread or member holds it;
     * empty, without running it, if one does.
     */
    <T> Optional<T> holding(String model, Supplier<Optional<T>> work) {
        if (!tryLease(model)) {
            return Optional.empty();
        }
        try {
            return work.get();
        } finally {
            leases.unlock(model);
        }
    }

    /** Whether no thread of any member holds the model's lease now. */
    boolean free(String model) {
        return !leases.isLocked(model);
    }

    private boolean tryLease(String model) {
        try {
            return leases.tryLock(model, 0, TimeUnit.SECONDS, leaseSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

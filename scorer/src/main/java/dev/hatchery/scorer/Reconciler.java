package dev.hatchery.scorer;

import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what this member serves with every deployment pointer and loads what is missing,
 * because listener events can be lost on failover and a member may start after a publish.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long CATCH_UP_RETRY_MILLIS = 100;

    private final ModelRegistry registry;
    private final ServedVersions served;
    private final Refusals refusals;
    private final VersionLoader loader;
    private final PointerLookups lookups;
    private final String member;
    private final HolderSettings settings;
    private final ExecutorService loaderThread;

    Reconciler(ModelRegistry registry, ServedVersions served, Refusals refusals, VersionLoader loader,
            PointerLookups lookups, String member, HolderSettings settings, ExecutorService loaderThread) {
        this.registry = registry;
        this.served = served;
        this.refusals = refusals;
        this.loader = loader;
        this.lookups = lookups;
        this.member = member;
        this.settings = settings;
        this.loaderThread = loaderThread;
    }

    /** See {@link ModelHolder#catchUp}. */
    boolean catchUp(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                long leftNanos = Math.max(0, deadline - System.nanoTime());
                if (loaderThread.submit(this::reconcileOnce).get(leftNanos, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(CATCH_UP_RETRY_MILLIS, leftMillis));
            } catch (TimeoutException | RejectedExecutionException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(member + " could not reconcile its models", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** One reconciliation; true if every pointer's version is now served or refused here. Loader thread only. */
    boolean reconcileOnce() {
        lookups.forgetFinished();
        try {
            boolean current = true;
            for (Deployment deployment : registry.deployments()) {
                served.hear(deployment);
                if (served.isNewer(deployment) && !refusals.refusedAt(deployment)) {
                    LOG.info("{} reconciling {} with the pointer: epoch {} not yet served here", member,
                            deployment.versionKey(), deployment.epoch());
                    loader.load(deployment);
                    current &= !served.isNewer(deployment) || refusals.refusedAt(deployment);
                }
                // A member that started after the last registrations stages the rollback target at least.
                if (settings.stagedVersions() > 0 && !deployment.rollbackStack().isEmpty()) {
                    int target = deployment.rollbackStack().getFirst();
                    String key = ModelVersion.key(deployment.model(), target);
                    if (loader.stagedVersion(key) == null && !refusals.contains(key)) {
                        registry.version(deployment.model(), target).ifPresent(loader::stage);
                    }
                }
            }
            return current;
        } catch (RuntimeException e) {
            // The member may be shutting down or partitions migrating: try again next round.
            LOG.debug("reconcile skipped: {}", e.toString());
            return false;
        }
    }
}

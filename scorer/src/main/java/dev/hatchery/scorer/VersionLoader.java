package dev.hatchery.scorer;

import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelRejectedException;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings registered versions into service: loads and checks each on the loader thread, ahead of
 * its publish where it can (staged), so that a publish heard on Hazelcast's event thread is a
 * reference swap there and then, never a load.
 */
final class VersionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);

    private final ModelRegistry registry;
    private final ServedVersions served;
    private final Refusals refusals;
    private final ActivationWait wait;
    private final IMap<String, MemberServing> memberServing;
    private final String member;
    private final String memberUuid;
    private final Clock clock;
    private final HolderSettings settings;
    private final ExecutorService loaderThread;
    private final OnlineReplicas online;
    /** Versions loaded and checked, ready to serve, by version key. */
    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    /** The pointer each served version came from, for the rollback target it names. */
    private final Map<String, Deployment> pointers = new ConcurrentHashMap<>();

    /** A version loaded and checked here ahead of its publish. */
    record Staged(ModelVersion record, TrainedModel model) {
    }

    VersionLoader(ModelRegistry registry, ServedVersions served, Refusals refusals, ActivationWait wait,
            IMap<String, MemberServing> memberServing, String member, String memberUuid, Clock clock,
            HolderSettings settings, ExecutorService loaderThread, OnlineReplicas online) {
        this.registry = registry;
        this.served = served;
        this.refusals = refusals;
        this.wait = wait;
        this.memberServing = memberServing;
        this.member = member;
        this.memberUuid = memberUuid;
        this.clock = clock;
        this.settings = settings;
        this.loaderThread = loaderThread;
        this.online = online;
    }

    /**
     * Hears of a pointer change, on Hazelcast's event thread. A staged version is swapped in
     * here and now (a reference flip); anything else goes to the loader thread.
     */
    void offer(Deployment deployment) {
        served.hear(deployment);
        if (!served.isNewer(deployment)) {
            return;
        }
        Staged ready = staged.get(deployment.versionKey());
        if (ready != null) {
            activate(deployment, new ServedModel.Batch(ready.model()), true, 0);
        } else {
            loaderThread.execute(() -> load(deployment));
        }
    }

    /** Hears of a registration, on Hazelcast's event thread; staging happens on the loader thread. */
    void offerVersion(ModelVersion version) {
        if (version.kind() == ModelKind.ONLINE) {
            // An online version's state is its replica's, learning on: nothing to stage; a
            // checkpoint is compared with this member's replica instead.
            loaderThread.execute(() -> online.registered(version));
            return;
        }
        if (settings.stagedVersions() > 0) {
            loaderThread.execute(() -> stage(version));
        }
    }

    /** The versions of {@code model} loaded, checked and ready here, in ascending order. */
    List<Integer> staged(String model) {
        return staged.values().stream().map(Staged::record).filter(r -> r.model().equals(model))
                .map(ModelVersion::version).sorted().toList();
    }

    /** The version {@code versionKey} if it is staged here; null if not. */
    @Nullable Staged stagedVersion(String versionKey) {
        return staged.get(versionKey);
    }

    /** Loads and checks a registered version ahead of any publish of it. Loader thread only. */
    void stage(ModelVersion version) {
        String key = version.key();
        if (version.kind() == ModelKind.ONLINE || staged.containsKey(key) || refusals.contains(key)) {
            return;
        }
        try {
            if (ready(version, 0) != null) {
                LOG.info("{} staged {}", member, key);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} could not stage {}: {}; it will load when published", member, key, e.toString());
        }
    }

    /** Brings the pointer's version into service, loading it first if it is not staged. Loader thread only. */
    void load(Deployment deployment) {
        if (!served.isNewer(deployment)) {
            return;
        }
        Staged ready = staged.get(deployment.versionKey());
        if (ready != null) {
            activate(deployment, new ServedModel.Batch(ready.model()), true, 0);
            return;
        }
        Refusal refusal = refusals.of(deployment.versionKey());
        if (refusal != null) {
            if (refusal.epoch() != deployment.epoch()) {
                refuse(deployment.model(), deployment.version(), deployment.epoch(), refusal.reason());
            }
            return;
        }
        long started = System.nanoTime();
        try {
            ModelVersion version = registry.version(deployment.model(), deployment.version())
                    .orElseThrow(() -> new IllegalStateException(deployment.versionKey() + " is published but not registered"));
            if (version.kind() == ModelKind.ONLINE) {
                loadOnline(deployment, version, started);
                return;
            }
            TrainedModel model = ready(version, deployment.epoch());
            if (model != null) {
                activate(deployment, new ServedModel.Batch(model), false,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} could not load {} (epoch {}): {}; the previous version keeps serving", member,
                    deployment.versionKey(), deployment.epoch(), e.toString());
        }
    }

    /** Brings an online version into service: the replica carried on, or one started from the version. */
    private void loadOnline(Deployment deployment, ModelVersion version, long started) {
        LoadedModel current = served.get(version.model());
        if (current != null && !current.features().equals(version.features())) {
            refuse(version.model(), version.version(), deployment.epoch(), "model '" + version.model() + "' v"
                    + version.version() + " has the features " + version.features() + ", events have "
                    + current.features() + " (as v" + current.version() + " serves them)");
            return;
        }
        ServedModel model;
        try {
            model = online.load(deployment, version, current);
        } catch (ModelRejectedException | IllegalArgumentException e) {
            refuse(version.model(), version.version(), deployment.epoch(), e.getMessage());
            return;
        }
        activate(deployment, model, false, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Loads a version through the registry (checksum, allow-list), checks it and keeps it staged.
     *
     * @param epoch the deployment that asked for it, or 0 when staging; named in a refusal
     * @return the model, or null if it was refused (the refusal is recorded)
     */
    private @Nullable TrainedModel ready(ModelVersion version, long epoch) {
        TrainedModel model;
        try {
            model = registry.load(version.model(), version.version());
        } catch (ModelRejectedException e) {
            // Bad bytes stay bad: refused for good. Anything else (a migrating partition, say)
            // propagates, and the next reconciliation tries again.
            refuse(version.model(), version.version(), epoch, e.getMessage());
            return null;
        }
        LoadedModel current = served.get(version.model());
        String problem = ServingChecks.problem(version, model, current,
                current == null ? List.of() : current.recent().snapshot());
        if (problem != null) {
            refuse(version.model(), version.version(), epoch, problem);
            return null;
        }
        staged.put(version.key(), new Staged(version, model));
        trimStaged(version.model());
        return model;
    }

    private void refuse(String model, int version, long epoch, String reason) {
        Refusal refusal = new Refusal(model, version, epoch, member, reason, clock.millis());
        refusals.keep(refusal);
        // Events waiting for this version go to the dead letters now, with the refusal's reason.
        wait.release();
        LOG.error("{} refused {}/v{}{}: {}; the previous version keeps serving", member, model, version,
                epoch == 0 ? " while staging" : " (epoch " + epoch + ")", reason);
        refusals.record(refusal);
    }

    /** Keeps the newest staged versions of a model, and whatever serves or is the rollback target. */
    private void trimStaged(String model) {
        LoadedModel current = served.get(model);
        Deployment pointer = pointers.get(model);
        Set<Integer> keep = staged.values().stream().map(Staged::record).filter(r -> r.model().equals(model))
                .map(ModelVersion::version).sorted(Comparator.reverseOrder()).limit(Math.max(1, settings.stagedVersions()))
                .collect(Collectors.toSet());
        if (current != null) {
            keep.add(current.version());
        }
        if (pointer != null && !pointer.rollbackStack().isEmpty()) {
            keep.add(pointer.rollbackStack().getFirst());
        }
        staged.values().removeIf(s -> s.record().model().equals(model) && !keep.contains(s.record().version()));
    }

    /** Swaps the version in unless this member already serves a higher or equal epoch. */
    private void activate(Deployment deployment, ServedModel model, boolean wasStaged, long loadMillis) {
        LoadedModel loaded = new LoadedModel(deployment.model(), deployment.version(), deployment.epoch(), model);
        LoadedModel before = served.get(deployment.model());
        if (!served.swap(loaded)) {
            if (model instanceof ServedModel.Online fresh && !(before != null && before.served() instanceof
                    ServedModel.Online kept && kept.replica() == fresh.replica())) {
                // A higher epoch came first: the replica started for this one has nothing to serve.
                online.retire(loaded, before);
            }
            return;
        }
        online.retire(before, loaded);
        pointers.merge(deployment.model(), deployment, ServedVersions::later);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        MemberServing record = new MemberServing(deployment.model(), member, memberUuid, deployment.version(),
                deployment.epoch(), wasStaged, loadMillis, micros);
        memberServing.setAsync(record.key(), model instanceof ServedModel.Online o
                ? record.at(o.replica().revision(), o.replica().lag()) : record);
        LOG.info("{} now serves {} (epoch {}){}", member, deployment.versionKey(), deployment.epoch(),
                wasStaged ? ", staged" : ", loaded on publish in " + loadMillis + " ms (not staged)");
    }
}

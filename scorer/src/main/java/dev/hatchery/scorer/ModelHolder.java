package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelRejectedException;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.Subscription;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions one member serves, one per model, swapped in place.
 *
 * <p>Stage, then activate. When a version is registered, every holder loads it on its loader
 * thread (never on Hazelcast's event thread), checks it ({@link ServingChecks}) and keeps it
 * ready. When the deployment pointer moves to a staged version, activation is a reference swap
 * done as the event arrives, so its latency does not grow with the model's size. A version not
 * staged (registered before this member started, or staging off) is loaded when its publish
 * comes, and reported as such in {@link MemberServing}. A version that fails to load or check is
 * refused: the refusal and its reason are recorded in the registry and the previous version keeps
 * serving.
 *
 * <p>A swap happens only if the new epoch is above the served one, so changes heard late or
 * loaded out of order never move a member backwards. Because listener events can be lost on
 * failover, the holder also reconciles with the pointer at start and every
 * {@link HolderSettings#reconcileMillis()}.
 *
 * <p>Scoring reads the served version once per event, so each prediction is made and stamped
 * by exactly one version. An event of a model this member serves no version of yet, although
 * it has heard of one deployed (a first version being staged or loaded here), waits for that
 * version to activate, at most {@link #ACTIVATION_WAIT_MILLIS} per deployment, rather than go
 * to the dead letters: its batch's future completes when it does. An event of a model it has
 * heard of no deployment of waits for a read of the model's pointer first.
 *
 * <p>Shadows. When the registry names a shadow version of a model, the holder loads and checks
 * it like a version to serve (a failure is refused and recorded the same way) and scores each
 * event with it too, after the served prediction is made; the shadow's prediction is recorded,
 * never served. Shadows load on a thread of their own, so a slow or bad shadow never delays a
 * swap, and a shadow that throws on an event only loses its own prediction. The holder follows
 * the registry's shadow pointer as it follows the deployment pointer: on each change it hears
 * of, and at every reconciliation.
 */
public final class ModelHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
    private static final String USER_CONTEXT_KEY = ModelHolder.class.getName();
    private static final long CATCH_UP_RETRY_MILLIS = 100;
    /**
     * How long the events of a model wait for its deployed version to activate here when this
     * member serves none of it yet. A staged version activates within milliseconds of its
     * publish, and one loaded on publish within a second (a 24 MB forest deserializes in
     * ~0.2 s); a version not in service after this is failing to load, and retried only at the
     * next reconciliation. Short, because Jet keeps order: while a batch waits, its processor's
     * later events of every model wait behind it, and so do its snapshots. Counted once per
     * deployment: later events of the model go to the dead letters at once until it activates.
     */
    static final long ACTIVATION_WAIT_MILLIS = 3_000;

    private final ModelRegistry registry;
    private final IMap<String, FirstPrediction> firstPredictions;
    private final IMap<String, MemberServing> memberServing;
    private final String member;
    private final String memberUuid;
    private final Clock clock;
    private final HolderSettings settings;
    private final Map<String, LoadedModel> serving = new ConcurrentHashMap<>();
    /** The newest pointer heard of per model, served or not: a dead letter says why it is not. */
    private final Map<String, Deployment> heard = new ConcurrentHashMap<>();
    /** The pointer each served version came from, for the rollback target it names. */
    private final Map<String, Deployment> pointers = new ConcurrentHashMap<>();
    /** Versions loaded and checked, ready to serve, by version key. */
    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    /** Versions that failed to load or check, by version key, with the latest refusal recorded. */
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loader;
    /** The shadow version of each model that has one here, loaded and checked. */
    private final Map<String, LoadedShadow> shadows = new ConcurrentHashMap<>();
    /** Shadow trials refused here, by {@link Shadow#trialKey()}: refused once, recorded once. */
    private final Set<String> refusedShadows = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService shadowLoader;
    /** Per model, the deployment whose activation its events wait for here, and until when. */
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    /** Per model this member heard no deployment of, the latest read of its pointer. */
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();
    /** Batches with events waiting for their model's version to activate here. */
    private final Set<WaitingBatch> waiting = ConcurrentHashMap.newKeySet();
    /** Scores waiting events once their version activates: never on Jet's or Hazelcast's event threads. */
    private final ScheduledThreadPoolExecutor releaser;
    private final List<Subscription> subscriptions;
    private volatile boolean closed;

    private record Staged(ModelVersion record, TrainedModel model) {
    }

    private record Awaited(long epoch, long deadlineNanos) {
    }

    /** A read of a model's deployment pointer, begun at {@code startedNanos} (System.nanoTime()). */
    private record Lookup(long startedNanos, long deadlineNanos, CompletableFuture<@Nullable Void> done) {
    }

    ModelHolder(HazelcastInstance hazelcast, Clock clock, HolderSettings settings) {
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.firstPredictions = hazelcast.getMap(ScorerMaps.FIRST_PREDICTIONS);
        this.memberServing = hazelcast.getMap(ScorerMaps.MEMBER_SERVING);
        this.member = hazelcast.getName();
        this.memberUuid = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.clock = clock;
        this.settings = settings;
        // One loader thread per member: loads run one at a time, and the epoch check at the
        // swap keeps the order right even so.
        this.loader = daemonThread("hatchery-model-loader-" + member);
        // Its own thread: loading a shadow must never hold up a swap of the serving version.
        this.shadowLoader = daemonThread("hatchery-shadow-loader-" + member);
        this.releaser = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hatchery-activation-waits-" + member);
            thread.setDaemon(true);
            return thread;
        });
        // A batch released early drops its deadline, and a closed holder drops every deadline.
        releaser.setRemoveOnCancelPolicy(true);
        releaser.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.subscriptions = List.of(registry.onDeployment(this::offer), registry.onRegistration(this::offerVersion),
                registry.onShadow(change -> shadowLoader.execute(() -> followShadow(change.model()))));
        loader.scheduleWithFixedDelay(this::reconcileOnce, 0, settings.reconcileMillis(), TimeUnit.MILLISECONDS);
        shadowLoader.scheduleWithFixedDelay(this::reconcileShadows, 0, settings.reconcileMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The holder of this member, created on first use with the settings of the member's
     * configuration ({@link HolderSettings#applyTo}) and closed when the member shuts down.
     * Members in one JVM each get their own.
     */
    public static ModelHolder of(HazelcastInstance hazelcast) {
        return (ModelHolder) hazelcast.getUserContext().computeIfAbsent(USER_CONTEXT_KEY, key -> {
            ModelHolder holder = new ModelHolder(hazelcast, Clock.systemUTC(), HolderSettings.of(hazelcast));
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleState.SHUTTING_DOWN) {
                    holder.close();
                }
            });
            return holder;
        });
    }

    /** The version this member serves for {@code model}, if any. */
    public Optional<LoadedModel> serving(String model) {
        return Optional.ofNullable(serving.get(model));
    }

    /** The versions of {@code model} loaded, checked and ready here, in ascending order. */
    public List<Integer> staged(String model) {
        return staged.values().stream().map(Staged::record).filter(r -> r.model().equals(model))
                .map(ModelVersion::version).sorted().toList();
    }

    /** The shadow version this member scores {@code model}'s events with beside the served one, if any. */
    public Optional<Integer> shadow(String model) {
        return Optional.ofNullable(shadows.get(model)).map(LoadedShadow::version);
    }

    /**
     * Hears of a pointer change, on Hazelcast's event thread. A staged version is swapped in
     * here and now (a reference flip); anything else goes to the loader thread.
     */
    void offer(Deployment deployment) {
        hear(deployment);
        if (!isNewer(deployment)) {
            return;
        }
        Staged ready = staged.get(deployment.versionKey());
        if (ready != null) {
            activate(deployment, ready.model(), true, 0);
        } else {
            loader.execute(() -> load(deployment));
        }
    }

    /** Hears of a registration, on Hazelcast's event thread; staging happens on the loader thread. */
    private void offerVersion(ModelVersion version) {
        if (settings.stagedVersions() > 0) {
            loader.execute(() -> stage(version));
        }
    }

    private void hear(Deployment deployment) {
        heard.merge(deployment.model(), deployment, ModelHolder::later);
    }

    private static Deployment later(Deployment a, Deployment b) {
        return b.epoch() > a.epoch() ? b : a;
    }

    private boolean isNewer(Deployment deployment) {
        LoadedModel current = serving.get(deployment.model());
        return current == null || deployment.epoch() > current.epoch();
    }

    /**
     * Brings this holder in line with every deployment pointer now and waits, at most
     * {@code timeoutMillis}, until it serves (or has refused) each pointer's version. A scoring
     * processor calls this as its execution starts, where Jet expects blocking work: without it,
     * the first events after a start or a restore would race the holder's first load, and those
     * scored first on a member whose load was cut short (by a member dying, say) would go to
     * the dead letters although a version is deployed.
     *
     * @return whether the holder caught up in time; if not, scoring starts anyway
     */
    public boolean catchUp(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                long leftNanos = Math.max(0, deadline - System.nanoTime());
                if (loader.submit(this::reconcileOnce).get(leftNanos, TimeUnit.NANOSECONDS)) {
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
    private boolean reconcileOnce() {
        forgetFinishedLookups();
        try {
            boolean current = true;
            for (Deployment deployment : registry.deployments()) {
                hear(deployment);
                if (isNewer(deployment) && !refusedAt(deployment)) {
                    LOG.info("{} reconciling {} with the pointer: epoch {} not yet served here", member,
                            deployment.versionKey(), deployment.epoch());
                    load(deployment);
                    current &= !isNewer(deployment) || refusedAt(deployment);
                }
                // A member that started after the last registrations stages the rollback target at least.
                if (settings.stagedVersions() > 0 && !deployment.rollbackStack().isEmpty()) {
                    int target = deployment.rollbackStack().getFirst();
                    String key = ModelVersion.key(deployment.model(), target);
                    if (!staged.containsKey(key) && !refused.containsKey(key)) {
                        registry.version(deployment.model(), target).ifPresent(this::stage);
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

    /** Brings every model's shadow here in line with the registry's shadow pointers. Shadow loader thread only. */
    private void reconcileShadows() {
        try {
            List<Shadow> truth = registry.shadows();
            Set<String> shadowed = truth.stream().map(Shadow::model).collect(Collectors.toSet());
            for (String model : List.copyOf(shadows.keySet())) {
                if (!shadowed.contains(model)) {
                    follow(model, null);
                }
            }
            for (Shadow shadow : truth) {
                follow(shadow.model(), shadow);
            }
        } catch (RuntimeException e) {
            LOG.debug("shadow reconcile skipped: {}", e.toString());
        }
    }

    /** Hears that a model's shadow changed; reads what it is now, since changes may come late or not at all. */
    private void followShadow(String model) {
        try {
            follow(model, registry.shadow(model).orElse(null));
        } catch (RuntimeException e) {
            LOG.debug("shadow of {} not followed, the next reconciliation will: {}", model, e.toString());
        }
    }

    /** Makes {@code shadow} (null: none) the shadow of {@code model} here. Shadow loader thread only. */
    private void follow(String model, @Nullable Shadow shadow) {
        LoadedShadow current = shadows.get(model);
        if (shadow == null) {
            if (current != null && shadows.remove(model, current)) {
                LOG.info("{} no longer shadows {}", member, current.shadow().versionKey());
            }
            return;
        }
        if (current != null && current.shadow().equals(shadow)) {
            return;
        }
        if (refusedShadows.contains(shadow.trialKey())) {
            // Still named by the pointer but refused here: score without it until the shadow ends.
            if (current != null) {
                shadows.remove(model, current);
            }
            return;
        }
        LoadedShadow loaded = loadShadow(shadow);
        if (loaded == null) {
            if (current != null) {
                shadows.remove(model, current);
            }
            return;
        }
        shadows.put(model, loaded);
        LOG.info("{} now shadows {} beside the serving version", member, shadow.versionKey());
    }

    /** Loads and checks a shadow version like one to serve; null if refused (and recorded). */
    private @Nullable LoadedShadow loadShadow(Shadow shadow) {
        String refusal;
        try {
            Staged ready = staged.get(shadow.versionKey());
            ModelVersion version = ready != null ? ready.record() : registry.version(shadow.model(), shadow.version())
                    .orElseThrow(() -> new ModelRejectedException(shadow.versionKey() + " is shadowed but not registered"));
            TrainedModel model = ready != null ? ready.model() : registry.load(shadow.model(), shadow.version());
            // Checked even when staged: against the version serving now, whose events it will see.
            LoadedModel serving = this.serving.get(shadow.model());
            refusal = ServingChecks.problem(version, model, serving, serving == null ? List.of() : serving.recent().snapshot());
            if (refusal == null) {
                return new LoadedShadow(shadow, model);
            }
        } catch (ModelRejectedException e) {
            refusal = e.getMessage();
        }
        // Anything else (a migrating partition, say) propagates: the next reconciliation tries again.
        refusedShadows.add(shadow.trialKey());
        LOG.error("{} refused {} as shadow: {}; scoring goes on without it", member, shadow.versionKey(), refusal);
        // Recorded beside serving refusals (epoch 0, as when staging; the reason says how), but kept
        // out of the serving side's own list: a later publish of this version is judged afresh.
        record(new Refusal(shadow.model(), shadow.version(), 0, member, "as shadow: " + refusal, clock.millis()));
        return null;
    }

    private boolean refusedAt(Deployment deployment) {
        Refusal refusal = refused.get(deployment.versionKey());
        return refusal != null && refusal.epoch() == deployment.epoch();
    }

    /** Loads and checks a registered version ahead of any publish of it. Loader thread only. */
    private void stage(ModelVersion version) {
        String key = version.key();
        if (staged.containsKey(key) || refused.containsKey(key)) {
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
    private void load(Deployment deployment) {
        if (!isNewer(deployment)) {
            return;
        }
        Staged ready = staged.get(deployment.versionKey());
        if (ready != null) {
            activate(deployment, ready.model(), true, 0);
            return;
        }
        Refusal refusal = refused.get(deployment.versionKey());
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
            TrainedModel model = ready(version, deployment.epoch());
            if (model != null) {
                activate(deployment, model, false, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} could not load {} (epoch {}): {}; the previous version keeps serving", member,
                    deployment.versionKey(), deployment.epoch(), e.toString());
        }
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
        LoadedModel current = serving.get(version.model());
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
        refused.put(ModelVersion.key(model, version), refusal);
        // Events waiting for this version go to the dead letters now, with the refusal's reason.
        release();
        LOG.error("{} refused {}/v{}{}: {}; the previous version keeps serving", member, model, version,
                epoch == 0 ? " while staging" : " (epoch " + epoch + ")", reason);
        record(refusal);
    }

    private void record(Refusal refusal) {
        try {
            registry.recordRefusal(refusal);
        } catch (RuntimeException e) {
            LOG.warn("could not record the refusal of {}/v{}: {}", refusal.model(), refusal.version(), e.toString());
        }
    }

    /** Keeps the newest staged versions of a model, and whatever serves or is the rollback target. */
    private void trimStaged(String model) {
        LoadedModel current = serving.get(model);
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
    private void activate(Deployment deployment, TrainedModel model, boolean wasStaged, long loadMillis) {
        LoadedModel loaded = new LoadedModel(deployment.model(), deployment.version(), deployment.epoch(), model);
        if (!swap(loaded)) {
            return;
        }
        pointers.merge(deployment.model(), deployment, ModelHolder::later);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        memberServing.setAsync(MemberServing.key(deployment.model(), member), new MemberServing(deployment.model(),
                member, memberUuid, deployment.version(), deployment.epoch(), wasStaged, loadMillis, micros));
        LOG.info("{} now serves {} (epoch {}){}", member, deployment.versionKey(), deployment.epoch(),
                wasStaged ? ", staged" : ", loaded on publish in " + loadMillis + " ms (not staged)");
    }

    /**
     * Swaps in {@code loaded} unless this member already serves a higher or equal epoch; true if
     * it did. Events waiting for a version of the model are then scored (on the releaser thread).
     */
    boolean swap(LoadedModel loaded) {
        LoadedModel result = serving.merge(loaded.name(), loaded,
                (current, candidate) -> candidate.epoch() > current.epoch() ? candidate.following(current) : current);
        boolean swapped = result.epoch() == loaded.epoch() && result.model() == loaded.model();
        if (swapped) {
            awaited.remove(loaded.name());
            release();
        }
        return swapped;
    }

    /**
     * Scores each event with the version served at this instant, or says why it cannot: one
     * result per entry, in order. Each version predicts its events in one call
     * ({@link TrainedModel#predictAll}: tree ensembles walk each tree over all the rows).
     * Non-blocking: safe on Jet's cooperative threads.
     *
     * <p>The future is complete on return unless some event's model has a version deployed that
     * this member does not serve yet (it is being staged or loaded here). Then the future
     * completes, on this holder's own thread, once that version activates and scores those
     * events, or once it is refused or {@link #ACTIVATION_WAIT_MILLIS} have passed since this
     * member began to wait for it, which sends them to the dead letters.
     *
     * @param jobId       the scoring job, stamped on the predictions
     * @param executionId the job's execution: a replay after a restore comes from a later one
     */
    CompletableFuture<List<ScoreResult>> scoreAll(List<? extends Map.Entry<String, Event>> entries, long jobId,
            long executionId) {
        ScoreResult[] results = new ScoreResult[entries.size()];
        int[] all = new int[results.length];
        Arrays.setAll(all, i -> i);
        long checkedNanos = System.nanoTime();
        Waits waits = scoreInto(entries, all, results, jobId, executionId, checkedNanos);
        if (waits.indices().length == 0) {
            return CompletableFuture.completedFuture(Arrays.asList(results));
        }
        WaitingBatch batch = new WaitingBatch(entries, results, jobId, executionId, waits, checkedNanos);
        waiting.add(batch);
        try {
            // The version may have activated since the check, before the batch was there to release.
            releaser.execute(() -> retry(batch));
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing will activate, so the batch is settled here and now.
            retry(batch);
        }
        return batch.future;
    }

    /** Events of a batch that wait for their model's version to activate, and the soonest any stops waiting. */
    private record Waits(int[] indices, long soonestDeadlineNanos) {
        static final Waits NONE = new Waits(new int[0], 0);
    }

    /**
     * Scores the events at {@code indices} into {@code results}, each with the version served at
     * this instant, or its dead letter; the events that must wait are left out.
     */
    private Waits scoreInto(List<? extends Map.Entry<String, Event>> entries, int[] indices, ScoreResult[] results,
            long jobId, long executionId, long firstCheckedNanos) {
        long now = clock.millis();
        // Usually one version per batch; two around a swap.
        Map<LoadedModel, List<Integer>> byVersion = new IdentityHashMap<>(2);
        // As scored: an event written with features by name has them in the model's order here.
        Event[] scorableEvents = new Event[entries.size()];
        int[] waitingIndices = null;
        int waitingCount = 0;
        long soonest = 0;
        for (int i : indices) {
            Map.Entry<String, Event> entry = entries.get(i);
            switch (check(entry.getKey(), entry.getValue(), now, firstCheckedNanos)) {
                case Check.Refused refused -> results[i] = refused.letter();
                case Check.Scorable scorable -> {
                    scorableEvents[i] = scorable.event();
                    byVersion.computeIfAbsent(scorable.loaded(), v -> new ArrayList<>()).add(i);
                }
                case Check.Awaiting awaiting -> {
                    if (waitingIndices == null) {
                        waitingIndices = new int[indices.length];
                        soonest = awaiting.deadlineNanos();
                    }
                    waitingIndices[waitingCount++] = i;
                    soonest = awaiting.deadlineNanos() - soonest < 0 ? awaiting.deadlineNanos() : soonest;
                }
            }
        }
        byVersion.forEach((loaded, scorable) -> {
            double[][] rows = new double[scorable.size()][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = scorableEvents[scorable.get(r)].features();
            }
            PredictedClass[] predicted = loaded.model().predictAll(rows);
            for (int r = 0; r < rows.length; r++) {
                int i = scorable.get(r);
                results[i] = served(loaded, scorableEvents[i], predicted[r], now, jobId, executionId);
            }
        });
        return waitingIndices == null ? Waits.NONE : new Waits(Arrays.copyOf(waitingIndices, waitingCount), soonest);
    }

    /**
     * A batch some of whose events wait for their model's version to activate here. Made on the
     * Jet thread that scored the rest; retried under its own lock, on the releaser thread but
     * for a holder closing.
     */
    private static final class WaitingBatch {
        private final List<? extends Map.Entry<String, Event>> entries;
        private final ScoreResult[] results;
        private final long jobId;
        private final long executionId;
        private final CompletableFuture<List<ScoreResult>> future = new CompletableFuture<>();
        /** When its events were first checked (System.nanoTime()). */
        private final long checkedNanos;
        private Waits waits;
        private @Nullable ScheduledFuture<?> timer;

        WaitingBatch(List<? extends Map.Entry<String, Event>> entries, ScoreResult[] results, long jobId,
                long executionId, Waits waits, long checkedNanos) {
            this.entries = entries;
            this.results = results;
            this.jobId = jobId;
            this.executionId = executionId;
            this.waits = waits;
            this.checkedNanos = checkedNanos;
        }
    }

    /** Retries every waiting batch: a version activated or was refused, or the holder closes. Any thread. */
    private void release() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            releaser.execute(() -> waiting.forEach(this::retry));
        } catch (RejectedExecutionException e) {
            LOG.debug("{} closed: its waiting events were already sent to the dead letters", member);
        }
    }

    /** Scores or dead-letters what of {@code batch} no longer waits; completes it when nothing does. */
    private void retry(WaitingBatch batch) {
        synchronized (batch) {
            if (batch.future.isDone()) {
                return;
            }
            Waits waits = scoreInto(batch.entries, batch.waits.indices(), batch.results, batch.jobId, batch.executionId,
                    batch.checkedNanos);
            boolean timed = batch.timer != null && !batch.timer.isDone()
                    && waits.soonestDeadlineNanos() == batch.waits.soonestDeadlineNanos();
            batch.waits = waits;
            if (waits.indices().length == 0) {
                waiting.remove(batch);
                if (batch.timer != null) {
                    batch.timer.cancel(false);
                }
                // Jet polls the future from its own thread: completing it costs this thread nothing more.
                batch.future.complete(Arrays.asList(batch.results));
            } else if (!timed) {
                if (batch.timer != null) {
                    batch.timer.cancel(false);
                }
                try {
                    batch.timer = releaser.schedule(() -> retry(batch),
                            Math.max(0, waits.soonestDeadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // Closing: the sweep in close() settles the batch.
                    batch.timer = null;
                }
            }
        }
    }

    /** Whether an event can be scored here, and by which version; if not, its dead letter, or that it waits. */
    private sealed interface Check {
        /** @param event the event as scored: features in the model's order */
        record Scorable(LoadedModel loaded, Event event) implements Check {
        }

        record Refused(DeadLetter letter) implements Check {
        }

        /** The model's deployed version is on its way into service here; the event waits, until the deadline at most. */
        record Awaiting(long deadlineNanos) implements Check {
        }
    }

    /** @param firstCheckedNanos when the event was first checked: a pointer lookup must come after it */
    private Check check(String key, @Nullable Event event, long now, long firstCheckedNanos) {
        if (event == null) {
            return new Check.Refused(deadLetter(key, null, "", "event has no value", "null", now));
        }
        String problem = EventChecks.problem(event);
        if (problem != null) {
            return new Check.Refused(deadLetter(key, event, event.model(), problem, EventChecks.render(event), now));
        }
        LoadedModel loaded = serving.get(event.model());
        if (loaded == null) {
            return unserved(key, event, now, firstCheckedNanos);
        }
        TrainedModel model = loaded.model();
        if (event.featuresByName() != null) {
            String mismatch = EventChecks.namesMismatch(event, model.features());
            if (mismatch != null) {
                return new Check.Refused(deadLetter(key, event, event.model(), mismatch + "; model '" + loaded.name() + "' v"
                        + loaded.version() + " has the features " + model.features(), EventChecks.render(event), now));
            }
            return new Check.Scorable(loaded, EventChecks.inOrderOf(event, model.features()));
        }
        int width = event.features().length;
        if (width != model.features().size()) {
            return new Check.Refused(deadLetter(key, event, event.model(), "event has " + width + " features, model '"
                    + loaded.name() + "' v" + loaded.version() + " expects " + model.features().size()
                    + " " + model.features(), EventChecks.render(event), now));
        }
        return new Check.Scorable(loaded, event);
    }

    /** An event of a model this member serves no version of: it waits if one is deployed and on its way here. */
    private Check unserved(String key, Event event, long now, long firstCheckedNanos) {
        String model = event.model();
        if (!heard.containsKey(model) && !closed) {
            Lookup lookup = lookUp(model, firstCheckedNanos);
            // A read still under way past its deadline (the cluster in trouble) holds the event no longer.
            if (!lookup.done().isDone() && System.nanoTime() - lookup.deadlineNanos() < 0) {
                return new Check.Awaiting(lookup.deadlineNanos());
            }
        }
        // Heard through the lookup meanwhile, if the pointer names a version.
        Deployment deployed = heard.get(model);
        if (deployed == null || refused.containsKey(deployed.versionKey()) || closed) {
            return new Check.Refused(deadLetter(key, event, model, notServing(model), EventChecks.render(event), now));
        }
        long deadline = awaited.compute(model, (m, earlier) -> earlier != null && earlier.epoch() == deployed.epoch()
                ? earlier
                : new Awaited(deployed.epoch(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACTIVATION_WAIT_MILLIS)))
                .deadlineNanos();
        if (System.nanoTime() - deadline < 0) {
            return new Check.Awaiting(deadline);
        }
        return new Check.Refused(deadLetter(key, event, model, deployed.versionKey() + " is deployed but member " + member
                + " has not loaded it yet: it waited " + ACTIVATION_WAIT_MILLIS + " ms for it (it tries again within "
                + settings.reconcileMillis() + " ms)", EventChecks.render(event), now));
    }

    /** The prediction {@code loaded} made of the event, with its shadow's beside it if one scores. */
    private ScoreResult served(LoadedModel loaded, Event event, PredictedClass predicted, long now, long jobId,
            long executionId) {
        TrainedModel model = loaded.model();
        double[] features = event.features();
        loaded.recent().offer(features);
        if (loaded.firstUse()) {
            firstPredictions.setAsync(ModelVersion.key(loaded.name(), loaded.version()) + "@" + member,
                    new FirstPrediction(loaded.name(), loaded.version(), loaded.epoch(), event.id(), member, now));
        }
        Prediction served = new Prediction(event.id(), loaded.name(), loaded.version(), loaded.epoch(),
                predicted.index(), model.classes().get(predicted.index()), predicted.probability(), predicted.posterior(), features,
                event.timeMillis(), now, jobId, executionId);
        // Without a shadow, one map lookup is all this costs: no allocation.
        LoadedShadow shadow = shadows.get(event.model());
        if (shadow == null || shadow.version() == loaded.version()) {
            return served;
        }
        ShadowPrediction shadowed = shadowScore(shadow, served);
        return shadowed == null ? served : new ShadowedPrediction(served, shadowed);
    }

    /**
     * A read of {@code model}'s deployment pointer begun at or after {@code notBeforeNanos}: the
     * one under way, or a new one. An event written after a publish returned can be read here
     * before this member's listener hears of that publish (the listener is asynchronous, even on
     * one member); a read of the pointer begun after the event was read is sure to see it. The
     * read runs on the releaser thread (a map read: never on Jet's threads), offers what it
     * finds as if heard, and retries the waiting batches. One read per model at a time, so a
     * stream of events of a model nobody deployed costs a read per batch, not per event.
     */
    private Lookup lookUp(String model, long notBeforeNanos) {
        return lookups.compute(model, (m, earlier) -> {
            if (earlier != null && earlier.startedNanos() - notBeforeNanos >= 0) {
                return earlier;
            }
            if (earlier != null && !earlier.done().isDone()) {
                // Begun before this event was read: the next read starts when it ends.
                return earlier;
            }
            Lookup lookup = new Lookup(System.nanoTime(),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACTIVATION_WAIT_MILLIS), new CompletableFuture<>());
            try {
                releaser.execute(() -> readPointer(model, lookup));
            } catch (RejectedExecutionException closing) {
                lookup.done().complete(null);
            }
            return lookup;
        });
    }

    /**
     * Drops the reads of pointers that ended longer ago than any event could have waited for them:
     * producers may name any number of models nobody deployed, and each would stay here for good.
     * An event checked before a read that is gone only costs another read.
     */
    private void forgetFinishedLookups() {
        long now = System.nanoTime();
        lookups.values().removeIf(lookup -> lookup.done().isDone() && now - lookup.deadlineNanos() > 0);
    }

    private void readPointer(String model, Lookup lookup) {
        try {
            registry.deployment(model).ifPresent(this::offer);
        } catch (RuntimeException e) {
            LOG.debug("{} could not read the deployment pointer of model '{}': {}", member, model, e.toString());
        } finally {
            lookup.done().complete(null);
            release();
        }
    }

    /** Why this member serves no version of {@code model} and waits for none: none deployed, the deployed one refused, or closing. */
    private String notServing(String model) {
        Deployment deployed = heard.get(model);
        if (deployed == null) {
            return "no version of model '" + model + "' is deployed on member " + member + ": publish one";
        }
        Refusal refusal = refused.get(deployed.versionKey());
        if (refusal != null) {
            return "member " + member + " refused " + deployed.versionKey() + ", the version deployed of model '"
                    + model + "', and serves no other: " + refusal.reason();
        }
        return deployed.versionKey() + " is deployed but member " + member + " shut down before it loaded it";
    }

    /** The shadow's prediction of an event already served; null if the shadow cannot make one, which the served one never notices. */
    private @Nullable ShadowPrediction shadowScore(LoadedShadow shadow, Prediction served) {
        TrainedModel model = shadow.model();
        if (served.features().length != model.features().size()) {
            return null;
        }
        PredictedClass predicted;
        try {
            predicted = model.predict(served.features());
        } catch (RuntimeException e) {
            LOG.debug("{} shadow {} failed on event {}: {}", member, shadow.shadow().versionKey(), served.eventId(),
                    e.toString());
            return null;
        }
        int index = predicted.index();
        if (index < 0 || index >= model.classes().size()) {
            return null;
        }
        return new ShadowPrediction(served.eventId(), served.model(), shadow.version(), served.version(),
                served.epoch(), index, model.classes().get(index), predicted.probability(), served.eventTimeMillis(),
                served.scoredAtMillis());
    }

    private static DeadLetter deadLetter(String key, @Nullable Event event, String model, String reason, String payload,
            long now) {
        return event != null && event.featuresByName() != null
                ? DeadLetter.ofJsonEvent(key, model, reason, payload, now)
                : DeadLetter.ofEvent(key, model, reason, payload, now);
    }

    /** The member this holder is on, by instance name. */
    String member() {
        return member;
    }

    /** Stops hearing pointer changes, as if every listener event were lost; reconciliation goes on. */
    void stopListening() {
        for (Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("listener already gone: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopListening();
        loader.shutdownNow();
        shadowLoader.shutdownNow();
        // Nothing activates any more: what waits goes to the dead letters now, not at its deadline.
        release();
        releaser.shutdown();
    }
}

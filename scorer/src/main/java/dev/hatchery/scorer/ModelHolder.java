package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Subscription;
import dev.hatchery.scorer.online.Replica;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * serving. ({@link VersionLoader}, {@link Refusals}.)
 *
 * <p>A swap happens only if the new epoch is above the served one, so changes heard late or
 * loaded out of order never move a member backwards ({@link ServedVersions}). Because listener
 * events can be lost on failover, the holder also reconciles with the pointer at start and every
 * {@link HolderSettings#reconcileMillis()} ({@link Reconciler}).
 *
 * <p>Scoring reads the served version once per event, so each prediction is made and stamped
 * by exactly one version ({@link BatchScorer}). An event of a model this member serves no version
 * of yet, although it has heard of one deployed (a first version being staged or loaded here),
 * waits for that version to activate, at most {@link #ACTIVATION_WAIT_MILLIS} per deployment,
 * rather than go to the dead letters: its batch's future completes when it does
 * ({@link ActivationWait}, {@link WaitingBatch}). An event of a model it has heard of no
 * deployment of waits for a read of the model's pointer first ({@link PointerLookups}).
 *
 * <p>Shadows. When the registry names a shadow version of a model, the holder loads and checks
 * it like a version to serve (a failure is refused and recorded the same way) and scores each
 * event with it too, after the served prediction is made; the shadow's prediction is recorded,
 * never served. Shadows load on a thread of their own, so a slow or bad shadow never delays a
 * swap, and a shadow that throws on an event only loses its own prediction. The holder follows
 * the registry's shadow pointer as it follows the deployment pointer: on each change it hears
 * of, and at every reconciliation ({@link Shadows}).
 *
 * <p>This class wires those parts together and owns the loader and shadow threads.
 */
public final class ModelHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
    private static final String USER_CONTEXT_KEY = ModelHolder.class.getName();
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
    /** How often each online replica's revision and lag are written, and a stopped one rebuilt. */
    static final long REPLICA_CHECK_MILLIS = 1_000;

    private final String member;
    private final ServedVersions served;
    private final VersionLoader loader;
    private final OnlineReplicas online;
    private final Shadows shadows;
    private final ActivationWait wait;
    private final BatchScorer scorer;
    private final Reconciler reconciler;
    private final ScheduledExecutorService loaderThread;
    private final ScheduledExecutorService shadowThread;
    private final List<Subscription> subscriptions;

    ModelHolder(HazelcastInstance hazelcast, Clock clock, HolderSettings settings) {
        ModelRegistry registry = ModelRegistry.on(hazelcast, clock);
        this.member = hazelcast.getName();
        String memberUuid = hazelcast.getCluster().getLocalMember().getUuid().toString();
        // One loader thread per member: loads run one at a time, and the epoch check at the
        // swap keeps the order right even so.
        this.loaderThread = daemonThread("hatchery-model-loader-" + member);
        // Its own thread: loading a shadow must never hold up a swap of the serving version.
        this.shadowThread = daemonThread("hatchery-shadow-loader-" + member);
        this.wait = new ActivationWait(member);
        this.served = new ServedVersions(wait);
        Refusals refusals = new Refusals(registry);
        this.online = new OnlineReplicas(hazelcast, registry, served, hazelcast.getMap(ScorerMaps.MEMBER_SERVING), member,
                clock, loaderThread);
        this.loader = new VersionLoader(registry, served, refusals, wait, hazelcast.getMap(ScorerMaps.MEMBER_SERVING),
                member, memberUuid, clock, settings, loaderThread, online);
        PointerLookups lookups = new PointerLookups(registry, loader, wait, member);
        this.shadows = new Shadows(registry, served, loader, refusals, member, clock, shadowThread);
        this.scorer = new BatchScorer(served, shadows, refusals, wait, lookups,
                hazelcast.getMap(ScorerMaps.FIRST_PREDICTIONS), member, clock, settings);
        this.reconciler = new Reconciler(registry, served, refusals, loader, lookups, member, settings, loaderThread);
        this.subscriptions = List.of(registry.onDeployment(loader::offer), registry.onRegistration(loader::offerVersion),
                registry.onShadow(change -> shadows.changed(change.model())));
        loaderThread.scheduleWithFixedDelay(reconciler::reconcileOnce, 0, settings.reconcileMillis(),
                TimeUnit.MILLISECONDS);
        loaderThread.scheduleWithFixedDelay(online::check, REPLICA_CHECK_MILLIS, REPLICA_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        shadowThread.scheduleWithFixedDelay(shadows::reconcile, 0, settings.reconcileMillis(), TimeUnit.MILLISECONDS);
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
        return Optional.ofNullable(served.get(model));
    }

    /** The replica of {@code model} this member serves it with, if it serves an online version of it. */
    public Optional<Replica> replica(String model) {
        return serving(model).flatMap(LoadedModel::replica);
    }

    /** The versions of {@code model} loaded, checked and ready here, in ascending order. */
    public List<Integer> staged(String model) {
        return loader.staged(model);
    }

    /** The shadow version this member scores {@code model}'s events with beside the served one, if any. */
    public Optional<Integer> shadow(String model) {
        return shadows.version(model);
    }

    /**
     * Hears of a pointer change, on Hazelcast's event thread. A staged version is swapped in
     * here and now (a reference flip); anything else goes to the loader thread.
     */
    void offer(Deployment deployment) {
        loader.offer(deployment);
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
        return reconciler.catchUp(timeoutMillis);
    }

    /**
     * Swaps in {@code loaded} unless this member already serves a higher or equal epoch; true if
     * it did. Events waiting for a version of the model are then scored (on the releaser thread).
     */
    boolean swap(LoadedModel loaded) {
        return served.swap(loaded);
    }

    /**
     * Scores each event with the version served at this instant, or says why it cannot: one
     * result per entry, in order. Each version predicts its events in one call
     * ({@link dev.hatchery.registry.TrainedModel#predictAll}: tree ensembles walk each tree over
     * all the rows). Non-blocking: safe on Jet's cooperative threads.
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
        return scorer.scoreAll(entries, jobId, executionId);
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
        wait.stopWaiting();
        stopListening();
        loaderThread.shutdownNow();
        shadowThread.shutdownNow();
        // Nothing activates any more: what waits goes to the dead letters now, not at its deadline.
        wait.close();
    }
}

package dev.hatchery.registry.mlflow;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's part of the MLflow mirror. Every member that runs one writes the outbox: it hears
 * every registration and pointer change (and the trainer hands it finished runs through
 * {@link #recordRun}); one member at a time, holding the {@code mlflow_lease} lock, pushes the
 * outbox to MLflow, model by model in the order it was written, and reads the alias
 * {@code champion} back.
 *
 * <p>Nothing here blocks Hazelcast or the caller: listeners hand events to this member's own
 * outbox thread, pushing runs on another, and a push that fails is retried after a wait that
 * doubles up to {@code retryMaxMillis}, with the model's later entries waiting behind it so that
 * MLflow sees changes in their order. Listener events lost on failover are made up for by a
 * reconciliation of the registry against what was mirrored, at start and every
 * {@link #RECONCILE_MILLIS}.
 */
public final class MlflowMirror implements AutoCloseable {

    /** Who the registry names for a publish or rollback made by moving the alias in MLflow. */
    public static final String BY = "mlflow";
    static final long RECONCILE_MILLIS = 30_000;
    private static final String USER_CONTEXT_KEY = MlflowMirror.class.getName();
    private static final String LEASE_KEY = "push";
    /** In {@code mlflow_ids} while some member runs a mirror: it expires unless a running mirror renews it. */
    private static final String ON_KEY = "mirror|on";
    private static final Logger LOG = LoggerFactory.getLogger(MlflowMirror.class);

    private final HazelcastInstance hazelcast;
    private final MlflowSettings settings;
    private final Clock clock;
    private final ModelRegistry registry;
    private final Outbox outbox;
    private final MirrorPush push;
    private final AliasWatch aliases;
    private final IMap<String, Boolean> lease;
    private final IMap<String, MirrorStatus> states;
    private final IMap<String, String> ids;
    private final long leaseMillis;
    private final long onMillis;
    private final ExecutorService outboxThread;
    private final ScheduledExecutorService pushThread;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Per model, how many pushes failed in a row and when to try again; this member's alone. */
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private long nextReconcileMillis;
    private long nextAliasPollMillis;

    private record Backoff(int failures, long untilMillis) {
    }

    private MlflowMirror(HazelcastInstance hazelcast, MlflowSettings settings, Clock clock) {
        this.hazelcast = hazelcast;
        this.settings = settings;
        this.clock = clock;
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.outbox = new Outbox(hazelcast, clock);
        MlflowServer server = new MlflowServer(settings);
        this.push = new MirrorPush(hazelcast, server, settings, registry, outbox);
        this.aliases = new AliasWatch(hazelcast, server, registry, outbox, push, clock);
        this.lease = hazelcast.getMap(MlflowMaps.LEASE);
        this.states = hazelcast.getMap(MlflowMaps.MIRROR);
        this.ids = hazelcast.getMap(MlflowMaps.IDS);
        this.onMillis = Math.max(30_000, 3 * settings.syncIntervalMillis());
        // Long enough for a tick of slow requests; a member that dies frees it at once anyway.
        this.leaseMillis = Math.max(60_000, 20 * settings.requestTimeoutMillis());
        this.outboxThread = Executors.newSingleThreadExecutor(daemon("hatchery-mlflow-outbox-" + hazelcast.getName()));
        this.pushThread = Executors.newSingleThreadScheduledExecutor(daemon("hatchery-mlflow-push-"
                + hazelcast.getName()));
    }

    /**
     * Starts this member's mirror if the settings name a tracking server; otherwise says once that
     * MLflow is off and returns empty.
     */
    public static Optional<MlflowMirror> start(HazelcastInstance hazelcast, MlflowSettings settings) {
        return start(hazelcast, settings, Clock.systemUTC());
    }

    public static Optional<MlflowMirror> start(HazelcastInstance hazelcast, MlflowSettings settings, Clock clock) {
        if (!settings.on()) {
            LOG.info("MLflow mirror off: no mlflow.trackingUri or MLFLOW_TRACKING_URI");
            return Optional.empty();
        }
        MlflowMirror mirror = new MlflowMirror(hazelcast, settings, clock);
        // Where recordRun finds it: the trainer knows the member, not the mirror.
        hazelcast.getUserContext().put(USER_CONTEXT_KEY, mirror);
        mirror.subscriptions.add(mirror.registry.onRegistration(version -> mirror.later(() ->
                mirror.outbox.registered(version))));
        mirror.subscriptions.add(mirror.registry.onDeployment(deployment -> mirror.later(() ->
                mirror.outbox.serving(deployment))));
        mirror.subscriptions.add(mirror.registry.onAudit(entry -> mirror.later(() -> mirror.outbox.audited(entry))));
        mirror.pushThread.scheduleWithFixedDelay(mirror::tick, 0, settings.syncIntervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info("MLflow mirror on: {}", settings);
        return Optional.of(mirror);
    }

    /**
     * Hands a finished training run to the mirror of this member, if it runs one; otherwise does
     * nothing. Writes the outbox only (Hazelcast), never MLflow.
     */
    public static void recordRun(HazelcastInstance hazelcast, MirroredRun run) {
        if (hazelcast.getUserContext().get(USER_CONTEXT_KEY) instanceof MlflowMirror mirror) {
            mirror.outbox.runFinished(run);
        }
    }

    /** Whether this member runs an MLflow mirror (which {@link #recordRun} then writes to). */
    public static boolean runsOn(HazelcastInstance hazelcast) {
        return hazelcast.getUserContext().get(USER_CONTEXT_KEY) instanceof MlflowMirror;
    }

    /** Whether a member of this cluster runs an MLflow mirror now; readable from any member or client. */
    public static boolean on(HazelcastInstance hazelcast) {
        return hazelcast.getMap(MlflowMaps.IDS).containsKey(ON_KEY);
    }

    /**
     * The mirror's state for every model it has seen, readable from any member or client (empty
     * if no mirror ever ran). Pending entries, lag and {@code on} are as of now.
     */
    public static List<MirrorStatus> status(HazelcastInstance hazelcast) {
        IMap<String, MirrorStatus> states = hazelcast.getMap(MlflowMaps.MIRROR);
        IMap<String, OutboxEntry> entries = hazelcast.getMap(MlflowMaps.OUTBOX);
        Map<String, List<OutboxEntry>> pending = new HashMap<>();
        entries.values().forEach(entry -> pending.computeIfAbsent(entry.model(), model -> new ArrayList<>()).add(entry));
        TreeSet<String> models = new TreeSet<>(states.keySet());
        models.addAll(pending.keySet());
        long now = System.currentTimeMillis();
        boolean running = on(hazelcast);
        return models.stream().map(model -> withPending(states.getOrDefault(model, MirrorStatus.fresh(model)),
                pending.getOrDefault(model, List.of()), now, running)).toList();
    }

    /** Like {@link #status(HazelcastInstance)}, for one model: empty if the mirror has not seen it. */
    public static Optional<MirrorStatus> status(HazelcastInstance hazelcast, String model) {
        IMap<String, MirrorStatus> states = hazelcast.getMap(MlflowMaps.MIRROR);
        IMap<String, OutboxEntry> entries = hazelcast.getMap(MlflowMaps.OUTBOX);
        List<OutboxEntry> waiting = List.copyOf(entries.values(Predicates.equal("model", model)));
        MirrorStatus state = states.get(model);
        if (state == null && waiting.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withPending(state == null ? MirrorStatus.fresh(model) : state, waiting,
                System.currentTimeMillis(), on(hazelcast)));
    }

    private static MirrorStatus withPending(MirrorStatus state, List<OutboxEntry> waiting, long now, boolean running) {
        long oldest = waiting.stream().mapToLong(OutboxEntry::createdAtMillis).min().orElse(0);
        return state.pending(waiting.size(), oldest, now).withOn(running);
    }

    private void later(Runnable write) {
        outboxThread.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                // The member is shutting down, say: reconciliation writes it later.
                LOG.debug("outbox write skipped: {}", e.toString());
            }
        });
    }

    /** One round on the push thread: reconcile if due, push every model's entries in order, read the aliases. */
    private void tick() {
        try {
            ids.set(ON_KEY, "on", onMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return; // the member is shutting down
        }
        try {
            if (!lease.tryLock(LEASE_KEY, 0, TimeUnit.MILLISECONDS, leaseMillis, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            return; // the member is shutting down
        }
        try {
            long now = clock.millis();
            if (now >= nextReconcileMillis) {
                reconcile();
                nextReconcileMillis = now + RECONCILE_MILLIS;
            }
            Map<String, List<OutboxEntry>> pending = outbox.pending();
            pending.forEach(this::pushInOrder);
            refreshPending();
            if (settings.aliasPollMillis() > 0 && clock.millis() >= nextAliasPollMillis) {
                nextAliasPollMillis = clock.millis() + settings.aliasPollMillis();
                Map<String, List<OutboxEntry>> left = outbox.pending();
                for (Deployment deployment : registry.deployments()) {
                    String model = deployment.model();
                    if (!left.containsKey(model) && !waiting(model)) {
                        attempt(model, () -> aliases.check(model));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("MLflow mirror round failed: {}", e.toString());
        } finally {
            try {
                lease.unlock(LEASE_KEY);
            } catch (RuntimeException e) {
                // The lease ran out (a very slow round) or the member is going: nothing to free.
            }
        }
    }

    private void pushInOrder(String model, List<OutboxEntry> entries) {
        for (OutboxEntry entry : entries) {
            if (waiting(model) || !attempt(model, () -> {
                push.push(entry);
                outbox.done(entry);
            })) {
                return; // later entries wait: MLflow sees a model's changes in their order
            }
        }
    }

    private boolean waiting(String model) {
        Backoff backoff = backoffs.get(model);
        return backoff != null && clock.millis() < backoff.untilMillis();
    }

    private boolean attempt(String model, Runnable work) {
        try {
            work.run();
            backoffs.remove(model);
            states.set(model, states.getOrDefault(model, MirrorStatus.fresh(model)).synced(clock.millis()));
            return true;
        } catch (RuntimeException e) {
            int failures = backoffs.getOrDefault(model, new Backoff(0, 0)).failures() + 1;
            long waitMillis = Math.min(settings.retryMaxMillis(),
                    settings.retryMinMillis() << Math.min(failures - 1, 30));
            backoffs.put(model, new Backoff(failures, clock.millis() + waitMillis));
            LOG.warn("MLflow mirror of '{}' failed ({} in a row), next try in {} ms: {}", model, failures, waitMillis,
                    e.getMessage());
            states.set(model, states.getOrDefault(model, MirrorStatus.fresh(model)).failed(clock.millis(),
                    String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** Writes again what the registry holds and MLflow was not sent: changes whose events were lost. */
    private void reconcile() {
        for (Deployment deployment : registry.deployments()) {
            String model = deployment.model();
            for (ModelVersion version : registry.versions(model)) {
                if (!outbox.isDone(OutboxEntry.versionKey(model, version.version()))) {
                    outbox.registered(version);
                }
            }
            MirrorStatus state = states.get(model);
            if (state == null) {
                states.set(model, MirrorStatus.fresh(model));
            }
            if (state == null || state.mirroredEpoch() < deployment.epoch()) {
                outbox.serving(deployment);
            }
        }
    }

    /** Keeps {@code mlflow_mirror}'s pending counts current for SQL, writing only what changed. */
    private void refreshPending() {
        for (MirrorStatus status : status(hazelcast)) {
            MirrorStatus stored = states.get(status.model());
            if (stored == null || stored.pendingEntries() != status.pendingEntries() || (status.pendingEntries() > 0
                    && stored.lagMillis() != status.lagMillis())) {
                states.set(status.model(), status);
            }
        }
    }

    /**
     * Stops this member's part of the mirror after one last push of what is pending (bounded by
     * the request timeout, so a down MLflow delays a shutdown by little): what is left stays in
     * the outbox for the other members, or for this one's next start.
     */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        hazelcast.getUserContext().remove(USER_CONTEXT_KEY, this);
        outboxThread.shutdown();
        try {
            outboxThread.awaitTermination(5, TimeUnit.SECONDS);
            pushThread.submit(this::tick).get(2 * settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("last MLflow push before stopping skipped: {}", e.toString());
        }
        pushThread.shutdownNow();
        try {
            pushThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

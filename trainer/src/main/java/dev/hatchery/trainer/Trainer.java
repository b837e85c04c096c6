package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Pin;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.registry.mlflow.MirroredRun;
import dev.hatchery.registry.mlflow.MlflowMirror;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a model is due for retraining and runs the training: window → fit → holdout
 * comparison with the champion → register and publish, or keep.
 *
 * <p>Every trigger — a schedule's firing, a drift signal, an operator — becomes a {@link
 * TrainingRequest} in the cluster, at most one pending per model. A member runs it on its own
 * training threads while holding the model's lease (an IMap entry lock with a lease time), so
 * one member trains a model at a time; the run is recorded as active until it ends, so that if
 * its member dies, another member finds it and runs it again. Safe to use from every member at
 * once. Close it to stop its threads. What operators ask of it is written by {@link
 * TrainerControls}, which a client can use too; it also bootstraps models that operators
 * {@linkplain TrainerControls#define defined} before their first version.
 */
public final class Trainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** The run id of a version trained by {@link #bootstrap}: no training run, no gate. */
    static final String BOOTSTRAP_RUN = "bootstrap";
    /** How often, and how far back, finished runs are handed to the MLflow mirror again. */
    private static final long MIRROR_CHECK_MILLIS = 30_000;
    private static final long MIRROR_LOOKBACK_MILLIS = 3_600_000;

    private final HazelcastInstance hazelcast;
    private final TrainerSettings settings;
    private final Clock clock;
    private final ModelRegistry registry;
    private final ReadOnlyMap<String, Outcome> outcomes;
    private final ReadOnlyMap<String, DriftSignal> signals;
    private final ReadOnlyMap<String, ModelHealth> health;
    private final ReadOnlyMap<String, DataDriftState> dataDrift;
    private final IMap<String, TrainingReport> runs;
    private final IMap<String, TrainerState> state;
    private final IMap<String, Boolean> leases;
    private final IMap<String, TrainingRequest> requests;
    private final IMap<String, ActiveRun> active;
    private final IMap<String, SchedulePause> pauses;
    private final IMap<String, String[]> windows;
    private final IMap<String, ModelDefinition> definitions;
    private final TrainerControls controls;
    private final ProbationJudge probationJudge;
    private volatile long nextMirrorCheckMillis;
    /** The last champion each model's runs compared with, by model: one forest each, not one per version ever served. */
    private final Map<String, Champion> champions = new ConcurrentHashMap<>();
    private final Set<String> dispatched = ConcurrentHashMap.newKeySet();
    private final ExecutorService runThreads;
    private final ExecutorService fitThreads;

    private Trainer(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        this.hazelcast = hazelcast;
        this.settings = settings;
        this.clock = clock;
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.outcomes = FeedbackMaps.ReadOnly.outcomes(hazelcast);
        this.signals = FeedbackMaps.ReadOnly.driftSignals(hazelcast);
        this.health = FeedbackMaps.ReadOnly.health(hazelcast);
        this.dataDrift = FeedbackMaps.ReadOnly.dataDrift(hazelcast);
        this.runs = TrainerMaps.trainingRuns(hazelcast);
        this.state = hazelcast.getMap(TrainerMaps.TRAINER_STATE);
        this.leases = hazelcast.getMap(TrainerMaps.LEASES);
        this.requests = hazelcast.getMap(TrainerMaps.REQUESTS);
        this.active = hazelcast.getMap(TrainerMaps.ACTIVE);
        this.pauses = TrainerMaps.pauses(hazelcast);
        this.windows = hazelcast.getMap(TrainerMaps.WINDOWS);
        this.definitions = TrainerMaps.definitions(hazelcast);
        this.controls = TrainerControls.on(hazelcast, clock);
        this.probationJudge = new ProbationJudge(TrainerMaps.probations(hazelcast), outcomes, health, registry, clock);
        this.runThreads = Executors.newFixedThreadPool(settings.threads(), daemon("hatchery-training-" + hazelcast.getName()));
        this.fitThreads = Executors.newCachedThreadPool(daemon("hatchery-fit-" + hazelcast.getName()));
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings) {
        return on(hazelcast, settings, Clock.systemUTC());
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        return new Trainer(hazelcast, settings, clock);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public TrainerSettings settings() {
        return settings;
    }

    /**
     * Trains the first version of a model on historical rows, registers and publishes it. There
     * is no champion to beat, so no gate; the newest rows are still held out, so that the
     * version's recorded accuracy is one the feedback side can hold it to. With
     * {@code trainer.gate.refit} on, the version then trains again on all the rows.
     */
    public ModelVersion bootstrap(String model, TrainingData data, String by) {
        return bootstrap(model, data, by, List.of());
    }

    /**
     * As {@link #bootstrap(String, TrainingData, String)}, from rows that were events: the ids of
     * those it trains on are kept with the version ({@link TrainerControls#trainedOn}), so that
     * a redrive of their dead letters does not grade the version on its own training rows.
     */
    private ModelVersion bootstrap(String model, TrainingData data, String by, List<String> eventIds) {
        TrainingPolicy policy = settings.policy(model);
        int holdoutRows = Math.max(1, (int) Math.round(data.size() * policy.holdoutFraction()));
        TrainingData train = data.slice(0, data.size() - holdoutRows);
        long started = clock.millis();
        TrainedModel trained = ModelFit.fit(train, policy.algorithm(), policy.fit(), policy.recency());
        double accuracy = ModelFit.accuracy(trained, data.slice(data.size() - holdoutRows, data.size()));
        String how = "bootstrap on " + train.size() + " rows, " + holdoutRows + " held out";
        if (policy.gate().refit()) {
            trained = ModelFit.fit(data, policy.algorithm(), policy.fit(), policy.recency());
            train = data;
            how += String.format(" (accuracy %.4f), then refitted on all %d", accuracy, data.size());
        }
        long trainMillis = clock.millis() - started;
        List<String> trainedOn = eventIds.isEmpty() ? List.of() : eventIds.subList(0, train.size());
        ModelVersion version = register(new Registration(model, trained, train.size(), accuracy, BOOTSTRAP_RUN), train,
                TrainerMaps.bootstrapRowsKey(model), trainedOn);
        Deployment deployment = registry.publish(model, version.version(), by, how);
        LOG.info("bootstrapped {} on {} rows in {} ms; epoch {}", version.key(), data.size(), trainMillis,
                deployment.epoch());
        MlflowMirror.recordRun(hazelcast, new MirroredRun(model, version.runId(), TrainingReport.Status.DEPLOYED.name(), started,
                clock.millis(), version.version(), Map.of("algorithm", policy.algorithm().id(), "hyperparameters",
                        policy.fit().toText(), "seed", Long.toString(policy.fit().seed()), "training_rows",
                        Integer.toString(train.size()), "holdout_rows", Integer.toString(holdoutRows)),
                Map.of("challenger_holdout_accuracy", accuracy, "training_millis", (double) trainMillis),
                Map.of("trigger", "bootstrap", "gate_decision", TrainingReport.Status.DEPLOYED.name(), "reason",
                        deployment.reason(), "hatchery.epoch", Long.toString(deployment.epoch()))));
        return version;
    }

    /**
     * Registers a version with what belongs to it, all written before the version record makes
     * it visible: the training reference of its features (which the feedback job compares recent
     * events with) and the event ids of the rows, under {@code rowsKey} (the run's id). A member
     * dying halfway leaves no version at all.
     */
    ModelVersion register(Registration registration, TrainingData train, String rowsKey, List<String> rowIds) {
        FeatureReference reference = FeatureReference.of(train.features(), train.x());
        return registry.register(registration, version -> {
            FeedbackMaps.recordReference(hazelcast, version.model(), version.version(), reference);
            if (!rowIds.isEmpty()) {
                keepRows(rowsKey, rowIds);
            }
        });
    }

    void keepRows(String rowsKey, List<String> rowIds) {
        windows.set(rowsKey, rowIds.toArray(String[]::new));
    }

    // ---- triggers ------------------------------------------------------------------------

    /**
     * Looks at every deployed model: asks for the runs that are due, and runs, on this member's
     * training threads, the requests that wait and the runs whose member left.
     */
    public void check() {
        for (Deployment deployment : registry.deployments()) {
            String model = deployment.model();
            if (!pauses.containsKey(model)) {
                dueTrigger(model).ifPresent(trigger -> enqueue(model, trigger));
            }
            if (requests.containsKey(model) || orphaned(model)) {
                dispatch(model);
            }
        }
        for (Shadow shadow : registry.shadows()) {
            judgeLater(shadow.model());
        }
        for (Probation probation : probationJudge.watching()) {
            String model = probation.model();
            onTrainingThreads("probation of " + model, () -> judgeProbation(model));
        }
        for (ModelDefinition definition : definitions.values()) {
            if (registry.deployment(definition.model()).isEmpty()) {
                onTrainingThreads("bootstrap of " + definition.model(), () -> bootstrapDefined(definition));
            }
        }
        mirrorMissedRuns();
    }

    /**
     * Hands the runs that finished lately to this member's MLflow mirror again, if it runs one:
     * a run whose member died between its report and its outbox entry, or that finished on a
     * member without a mirror, reaches MLflow anyway. The outbox drops what it has already.
     */
    private void mirrorMissedRuns() {
        long now = clock.millis();
        if (now < nextMirrorCheckMillis || !MlflowMirror.runsOn(hazelcast)) {
            return;
        }
        nextMirrorCheckMillis = now + MIRROR_CHECK_MILLIS;
        for (TrainingReport report : runs.values(Predicates.greaterEqual("finishedAtMillis", now - MIRROR_LOOKBACK_MILLIS))) {
            if (report.finished() && report.status() != TrainingReport.Status.SHADOW) {
                MlflowMirror.recordRun(hazelcast, MlflowRuns.of(report, null));
            }
        }
    }

    /**
     * Under the model's lease: v1 of a model operators defined, from its first window of labelled
     * events, once there are {@code window.minRows} of them. Returns the version if it made one.
     */
    Optional<ModelVersion> bootstrapDefined(ModelDefinition definition) {
        String model = definition.model();
        if (!tryLease(model)) {
            return Optional.empty();
        }
        try {
            if (registry.deployment(model).isPresent()) {
                return Optional.empty();
            }
            return FirstWindow.of(hazelcast, definition, settings.policy(model).window())
                    .map(rows -> bootstrap(model, rows.data(), actor(), rows.eventIds()));
        } finally {
            leases.unlock(model);
        }
    }

    /** Starts the challenger's shadow trial, ending one an earlier challenger may still be in. */
    void startShadow(String model, int version, String why) {
        Optional<Shadow> earlier = registry.shadow(model);
        if (earlier.isPresent()) {
            registry.endShadow(model, actor(), "superseded by v" + version);
            shadowRun(model, earlier.get().version()).ifPresent(run -> report(run.judgedInShadow(TrainingReport.Status.KEPT,
                    HeadToHead.NONE, 0, "superseded in shadow by v" + version, clock.millis())));
        }
        registry.startShadow(model, version, actor(), why);
    }

    /** Judges the model's shadow trial on this member's training threads, under the model's lease. */
    private void judgeLater(String model) {
        onTrainingThreads("shadow trial of " + model, () -> judgeShadow(model));
    }

    /**
     * Decides a shadow trial the trainer started once enough labelled events were scored by both
     * versions: the same gate as the holdout's, on those events. Returns the run's report if
     * decided now.
     */
    Optional<TrainingReport> judgeShadow(String model) {
        if (!tryLease(model)) {
            return Optional.empty();
        }
        try {
            Optional<Shadow> shadow = registry.shadow(model);
            Optional<Deployment> serving = registry.deployment(model);
            if (shadow.isEmpty() || serving.isEmpty()) {
                return Optional.empty();
            }
            int version = shadow.get().version();
            Optional<TrainingReport> run = shadowRun(model, version);
            if (run.isEmpty()) {
                return Optional.empty(); // an operator's trial: operators decide it
            }
            TrainingPolicy policy = settings.policy(model);
            long now = clock.millis();
            if (serving.get().version() != run.get().versions().championVersion()) {
                registry.endShadow(model, actor(), "the champion changed during the trial");
                return finish(run.get().judgedInShadow(TrainingReport.Status.KEPT, HeadToHead.NONE, 0,
                        "v" + run.get().versions().championVersion() + " no longer serves (v" + serving.get().version()
                                + " does): the trial compared nothing left to beat", now));
            }
            HeadToHead live = ShadowTrial.score(hazelcast, model, version, serving.get().version());
            if (live.rows() < policy.shadow().minEvents()) {
                if (now - shadow.get().startedAtMillis() < policy.shadow().maxMillis()) {
                    return Optional.empty();
                }
                registry.endShadow(model, actor(), "trial ran out of time");
                return finish(run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "the shadow trial ran out of"
                        + " trainer.shadow.maxMillis with " + live.rows() + " labelled events of "
                        + policy.shadow().minEvents(), now));
            }
            GateDecision decision = GateDecision.decide(live, policy.gate());
            return finish(switch (decision) {
                case GateDecision.Deploy deploy -> {
                    Optional<Pin> pin = registry.pinned(model);
                    if (pin.isPresent()) {
                        registry.endShadow(model, actor(), "won its shadow trial, but the model is pinned");
                        yield run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "won its shadow trial ("
                                + deploy.reason() + "), not deployed: the model is " + pin.get().describe()
                                + " (publish it by hand, or unpin)", now);
                    }
                    Deployment published = registry.publish(model, version, actor(), "won its shadow trial on "
                            + live.rows() + " live events: " + deploy.reason());
                    deployed(published);
                    yield run.get().judgedInShadow(TrainingReport.Status.DEPLOYED, live, published.epoch(),
                            "won its shadow trial: " + deploy.reason(), now);
                }
                case GateDecision.Keep keep -> {
                    registry.endShadow(model, actor(), "lost its shadow trial");
                    yield run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "lost its shadow trial: "
                            + keep.reason(), now);
                }
            });
        } finally {
            leases.unlock(model);
        }
    }

    /** Decides the model's probation, if its events are in, under the model's lease. */
    Optional<Probation> judgeProbation(String model) {
        if (!tryLease(model)) {
            return Optional.empty();
        }
        try {
            return probationJudge.judge(model);
        } finally {
            leases.unlock(model);
        }
    }

    /** An automatic deployment: on probation from now on. */
    void deployed(Deployment deployment) {
        probationJudge.watch(deployment, settings.policy(deployment.model()).probation());
    }

    private Optional<TrainingReport> finish(TrainingReport report) {
        report(report);
        LOG.info("shadow trial of {}/v{}: {}", report.model(), report.versions().newVersion(), report.detail());
        return Optional.of(report);
    }

    /** The run whose challenger is {@code version} in shadow, if the trainer started that trial. */
    private Optional<TrainingReport> shadowRun(String model, int version) {
        return runs.values(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("status", TrainingReport.Status.SHADOW.name()), Predicates.equal("newVersion", version)))
                .stream().findFirst();
    }

    /** The model's schedule fired on this member (it fires on every member; one run per firing). */
    void fired(String model, String cron, long fireTimeMillis) {
        if (pauses.containsKey(model) || registry.deployment(model).isEmpty()) {
            return;
        }
        if (fireTimeMillis > memory(model).lastScheduledFireMillis()) {
            enqueue(model, new Trigger.Scheduled(cron, fireTimeMillis));
            dispatch(model);
        }
    }

    /**
     * Asks for a run of {@code model} by an operator; it runs on whichever member takes it,
     * paused or not. A pending automatic request is replaced; a pending manual one is joined.
     *
     * @return the request the run will answer (see {@link #report(String)})
     */
    public TrainingRequest request(String model, String by, String reason) {
        TrainingRequest request = controls.request(model, by, reason, member());
        dispatch(model);
        return request;
    }

    /** The finished run that answered a request, if there is one yet. */
    public Optional<TrainingReport> report(String requestId) {
        return controls.report(requestId);
    }

    /** Requests a run by an operator and waits until some member has finished it. */
    public TrainingReport retrain(String model, String by) {
        return retrain(model, by, "", Duration.ofSeconds(settings.leaseSeconds()));
    }

    public TrainingReport retrain(String model, String by, String reason, Duration timeout) {
        TrainingRequest request = request(model, by, reason);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TrainingReport> report = report(request.requestId());
            if (report.isPresent()) {
                return report.get();
            }
            // The member that took it may have left, or been busy with an earlier request.
            dispatch(model);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("no member finished the training of '" + model + "' within " + timeout
                + "; request " + request.requestId() + " is still pending: see training_runs");
    }

    /** Runs a training of {@code model} now if one is due or requested, on this member's training threads, and waits for it. */
    public Optional<TrainingReport> runIfDue(String model) {
        if (!pauses.containsKey(model)) {
            dueTrigger(model).ifPresent(trigger -> enqueue(model, trigger));
        }
        try {
            return runThreads.submit(() -> runNext(model)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("training of '" + model + "' failed: " + e.getCause(), e.getCause());
        }
    }

    /** Pauses a model's automatic training, on every member; an operator's requests still run. */
    public SchedulePause pause(String model, String by, String reason) {
        return controls.pause(model, by, reason);
    }

    /** Resumes a model's automatic training; returns whether it was paused. */
    public boolean resume(String model) {
        return controls.resume(model);
    }

    public Optional<SchedulePause> paused(String model) {
        return controls.paused(model);
    }

    private void enqueue(String model, Trigger trigger) {
        requests.putIfAbsent(model, newRequest(model, trigger));
    }

    private TrainingRequest newRequest(String model, Trigger trigger) {
        return new TrainingRequest(model + "-" + UUID.randomUUID(), model, trigger, clock.millis(), member());
    }

    private boolean orphaned(String model) {
        return active.containsKey(model) && !leases.isLocked(model);
    }

    /** Runs the model's waiting requests on this member's training threads, unless it already is. */
    private void dispatch(String model) {
        onTrainingThreads(model, () -> {
            while (runNext(model).isPresent() && requests.containsKey(model)) {
                // another request came while the run ran: it waits for no schedule
            }
        });
    }

    /**
     * Runs {@code work} on a training thread unless work of the same key is queued or running
     * on this member. A cluster in trouble (say, shutting down) must not kill the training
     * threads: failures are logged.
     */
    private void onTrainingThreads(String key, Runnable work) {
        if (!dispatched.add(key)) {
            return;
        }
        try {
            runThreads.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("trainer work '{}' could not run: {}", key, e.toString());
                } finally {
                    dispatched.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            dispatched.remove(key);
        }
    }

    /** Under the model's lease: the run its dead member left, or the waiting request, if still due. */
    private Optional<TrainingReport> runNext(String model) {
        if (!tryLease(model)) {
            return Optional.empty();
        }
        try {
            TrainingRequest request = takeRequest(model);
            if (request == null) {
                return Optional.empty();
            }
            TrainerState memory = memory(model).starting(request.trigger());
            TrainingRun run = new TrainingRun(this, request, memory.conceptStartEventTime());
            // Active first: a member dying after it leaves a run another member finds and repeats;
            // marking the trigger handled first would leave a request that looks answered.
            active.set(model, new ActiveRun(run.runId(), request, member(), clock.millis()));
            state.set(model, memory);
            requests.remove(model, request);
            TrainingReport report = run.call();
            active.delete(model);
            return Optional.of(report);
        } finally {
            leases.unlock(model);
        }
    }

    /** The model's training lease, if no other thread or member holds it; it lapses after leaseSeconds. */
    private boolean tryLease(String model) {
        try {
            return leases.tryLock(model, 0, TimeUnit.SECONDS, settings.leaseSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private @Nullable TrainingRequest takeRequest(String model) {
        ActiveRun orphan = active.get(model);
        if (orphan != null) {
            TrainingReport last = runs.get(orphan.runId());
            if (last != null && last.finished()) {
                active.delete(model);
            } else {
                String why = "member " + orphan.member() + " left while running it; the request runs again";
                LOG.warn("training run {} of '{}': {}", orphan.runId(), model, why);
                if (last != null) {
                    report(last.interrupted(why, clock.millis()));
                }
                return orphan.request();
            }
        }
        TrainingRequest pending = requests.get(model);
        if (pending != null && !stillDue(pending)) {
            LOG.debug("request {} of '{}' ({}) is answered already", pending.requestId(), model, pending.trigger().kind());
            requests.remove(model, pending);
            return null;
        }
        return pending;
    }

    /** Whether an automatic request is still due now that this member holds the lease: another may have answered it. */
    private boolean stillDue(TrainingRequest request) {
        String model = request.model();
        if (request.trigger().manual()) {
            return true;
        }
        if (pauses.containsKey(model)) {
            return false;
        }
        TrainerState memory = memory(model);
        return switch (request.trigger()) {
            case Trigger.Manual ignored -> true;
            case Trigger.Scheduled scheduled -> scheduled.fireTimeMillis() > memory.lastScheduledFireMillis();
            case Trigger.Drift drift -> drift.sequence() > memory.handledSignal();
            case Trigger.DataDrift drift -> drift.epoch() > memory.handledDataDriftEpoch();
            case Trigger.AccuracyFloor ignored -> dueTrigger(model).isPresent();
            case Trigger.MoreData ignored -> dueTrigger(model).isPresent();
            case Trigger.Refresh ignored -> dueTrigger(model).isPresent();
        };
    }

    private TrainerState memory(String model) {
        TrainerState remembered = state.get(model);
        return remembered == null ? TrainerState.initial(model) : remembered;
    }

    /** The automatic trigger due for {@code model}, if any, in order of urgency. */
    private Optional<Trigger> dueTrigger(String model) {
        Optional<Deployment> deployment = registry.deployment(model);
        if (deployment.isEmpty()) {
            return Optional.empty();
        }
        TrainingPolicy policy = settings.policy(model);
        TriggerSettings triggers = policy.triggers();
        TrainerState memory = memory(model);
        DriftSignal signal = signals.get(model);
        if (triggers.drift() && signal != null && signal.sequence() > memory.handledSignal()
                && memory.servingWindowStartEventTime() < signal.driftSinceEventTimeMillis()) {
            boolean settled = clock.millis() - signal.detectedAtMillis() >= triggers.debounceMillis();
            long rows = OutcomeWindow.count(outcomes, model, signal.driftSinceEventTimeMillis());
            if (settled && rows >= policy.window().minRows()) {
                return Optional.of(new Trigger.Drift(signal.sequence(), signal.detector(), signal.detectedAtEventId(),
                        signal.errorRate(), signal.statistic(), signal.driftSinceEventTimeMillis()));
            }
            // While the drift waits for its rows, the other triggers still apply: signals that
            // keep coming (a stream that drifts all the time) must not starve the model.
            LOG.debug("{}: drift signal #{} waits: {} of {} rows, settled {}", model, signal.sequence(), rows,
                    policy.window().minRows(), settled);
        }
        DataDriftState shifted = dataDrift.get(model);
        if (triggers.dataDrift() && shifted != null && shifted.drifted() && shifted.epoch() == deployment.get().epoch()
                && shifted.epoch() > memory.handledDataDriftEpoch()) {
            return Optional.of(new Trigger.DataDrift(shifted.version(), shifted.epoch(), shifted.position(),
                    shifted.driftedFeatures(), shifted.maxPsi()));
        }
        ModelHealth modelHealth = health.get(model);
        double floor = policy.gate().accuracyFloor();
        if (floor > 0 && modelHealth != null && modelHealth.epoch() == deployment.get().epoch()
                && modelHealth.outcomes() >= policy.window().minRows() && modelHealth.rollingAccuracy() < floor) {
            return Optional.of(new Trigger.AccuracyFloor(modelHealth.rollingAccuracy(), floor));
        }
        long fresh = OutcomeWindow.count(outcomes, model, memory.lastWindowEndEventTime() == Long.MIN_VALUE
                ? Long.MIN_VALUE : memory.lastWindowEndEventTime() + 1);
        int servingRows = registry.version(model, deployment.get().version()).map(ModelVersion::trainingRows).orElse(0);
        int trainable = (int) (policy.window().maxRows() * (1 - policy.holdoutFraction()));
        if (triggers.moreData() && servingRows < trainable && fresh >= policy.window().minRows()) {
            long conceptRows = OutcomeWindow.count(outcomes, model, memory.conceptStartEventTime());
            if (conceptRows * (1 - policy.holdoutFraction()) >= 2.0 * servingRows) {
                return Optional.of(new Trigger.MoreData(conceptRows, deployment.get().version(), servingRows));
            }
        }
        if (triggers.refreshEveryRows() > 0 && fresh >= triggers.refreshEveryRows()) {
            return Optional.of(new Trigger.Refresh(fresh));
        }
        return Optional.empty();
    }

    // ---- reproducing a run ---------------------------------------------------------------

    /**
     * Trains again what a finished run trained, from its report and the rows it kept: the same
     * rows in the same order, algorithm, hyperparameters and seed give the same bytes.
     *
     * @throws IllegalStateException if the run kept no rows, or some have expired since
     */
    public TrainedModel reproduce(String runId) {
        TrainingReport report = Optional.ofNullable(runs.get(runId)).orElseThrow(() -> new IllegalArgumentException(
                "no training run '" + runId + "' in " + TrainerMaps.TRAINING_RUNS));
        String[] ids = windows.get(runId);
        if (ids == null || report.window().trainingRows() == 0) {
            throw new IllegalStateException("run " + runId + " (" + report.status() + ") kept no training rows: only"
                    + " runs that trained a challenger can be repeated, within feedback.retentionMillis");
        }
        Map<String, Outcome> found = outcomes.getAll(Set.of(ids));
        List<Outcome> rows = new ArrayList<>(ids.length);
        for (String id : ids) {
            Outcome outcome = found.get(id);
            if (outcome == null) {
                throw new IllegalStateException("outcome " + id + " of run " + runId + " has expired from "
                        + FeedbackMaps.OUTCOMES + " (feedback.retentionMillis): the run can no longer be repeated");
            }
            rows.add(outcome);
        }
        OutcomeWindow window = new OutcomeWindow(rows);
        if (!window.sha256().equals(report.window().dataSha256())) {
            throw new IllegalStateException("the rows of run " + runId + " do not hash to its report's dataSha256");
        }
        ModelVersion champion = registry.version(report.model(), report.versions().championVersion()).orElseThrow();
        TrainingData train = window.toData(champion.features(), champion.classes()).slice(0, report.window().trainingRows());
        return ModelFit.fit(train, Algorithm.parse(report.challenger().algorithm()),
                FitOptions.parse(report.challenger().hyperparameters()),
                new RecencyWeighting(report.challenger().recencyHalfLifeRows()));
    }

    // ---- what a run needs from its trainer -----------------------------------------------

    ModelRegistry registry() {
        return registry;
    }

    Clock clock() {
        return clock;
    }

    ReadOnlyMap<String, Outcome> outcomes() {
        return outcomes;
    }

    ExecutorService fitThreads() {
        return fitThreads;
    }

    String member() {
        return hazelcast.getName();
    }

    /** Who the trainer is in deployment history and shadow records. */
    String actor() {
        return "trainer@" + member();
    }

    String newRunId(String model) {
        return model + "-" + clock.millis() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sequence number of the model's latest drift signal, 0 if none. */
    long latestSignal(String model) {
        DriftSignal signal = signals.get(model);
        return signal == null ? 0 : signal.sequence();
    }

    /** Whether the model's latest drift signal says its drift began after {@code eventTimeMillis}. */
    boolean driftBeganAfter(String model, long eventTimeMillis) {
        DriftSignal signal = signals.get(model);
        return signal != null && signal.driftSinceEventTimeMillis() > eventTimeMillis;
    }

    void report(TrainingReport report) {
        report(report, null);
    }

    /** Writes the report; a final one goes to this member's MLflow mirror too, if it runs one (an outbox write only). */
    void report(TrainingReport report, @Nullable Trigger trigger) {
        runs.set(report.runId(), report);
        if (report.finished() && report.status() != TrainingReport.Status.SHADOW) {
            MlflowMirror.recordRun(hazelcast, MlflowRuns.of(report, trigger));
        }
    }

    TrainedModel champion(String model, int version) {
        return champions.compute(model, (key, cached) -> cached != null && cached.version() == version ? cached
                : new Champion(version, registry.load(model, version))).model();
    }

    private record Champion(int version, TrainedModel model) {
    }

    /** The events whose rows {@code model} v{@code version} trained on, as far as they are kept. */
    Set<String> trainedOn(String model, int version) {
        return controls.trainedOn(model, version);
    }

    void remember(String model, @Nullable OutcomeWindow window, boolean deployed) {
        if (window != null && window.size() > 0) {
            state.set(model, memory(model).finished(window.startEventTime(), window.endEventTime(), deployed));
        }
    }

    @Override
    public void close() {
        runThreads.shutdownNow();
        fitThreads.shutdownNow();
        try {
            runThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Model names for which this member keeps a schedule: those deployed. */
    List<String> deployedModels() {
        return registry.deployments().stream().map(Deployment::model).sorted().toList();
    }
}

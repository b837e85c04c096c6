package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.ReadOnlyMap;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** The run id of a version trained by {@link #bootstrap}: no training run, no gate. */
    static final String BOOTSTRAP_RUN = "bootstrap";
    /** The run id of an online model's v1, an empty learner: no training run, no rows to look up. */
    static final String ONLINE_START_RUN = "online-start";

    private final TrainerSettings settings;
    private final ModelRegistry registry;
    private final TrainerControls controls;
    private final ReadOnlyMap<String, ModelDefinition> definitions;
    private final TrainingThreads threads;
    private final RunReports reports;
    private final ProbationJudge probation;
    private final TrainingLease lease;
    private final ShadowJudge shadows;
    private final Bootstrapper bootstrapper;
    private final Reproduction reproduction;
    private final RunDispatcher dispatcher;

    private Trainer(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        this.settings = settings;
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.controls = TrainerControls.on(hazelcast, clock);
        this.definitions = ReadOnlyMap.of(TrainerMaps.definitions(hazelcast));
        String member = hazelcast.getName();
        ReadOnlyMap<String, Outcome> outcomes = FeedbackMaps.ReadOnly.outcomes(hazelcast);
        this.threads = new TrainingThreads(member, settings.threads());
        this.reports = new RunReports(hazelcast, clock);
        this.probation = new ProbationJudge(TrainerMaps.probations(hazelcast), outcomes,
                FeedbackMaps.ReadOnly.health(hazelcast), registry, clock);
        this.lease = new TrainingLease(hazelcast, settings.leaseSeconds());
        this.shadows = new ShadowJudge(hazelcast, registry, settings, lease, reports, probation, clock, actorOn(member));
        TrainedVersions versions = new TrainedVersions(hazelcast, registry);
        this.bootstrapper = new Bootstrapper(hazelcast, registry, settings, lease, versions, clock, actorOn(member));
        this.reproduction = new Reproduction(reports, versions, outcomes, registry);
        RunContext context = new RunContext(settings, registry, clock, member, outcomes,
                FeedbackMaps.ReadOnly.driftSignals(hazelcast), threads.fitThreads(), reports,
                new TrainerMemory(hazelcast), new Champions(registry), versions, shadows, probation, controls);
        this.dispatcher = new RunDispatcher(hazelcast, context, lease, threads);
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings) {
        return on(hazelcast, settings, Clock.systemUTC());
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        return new Trainer(hazelcast, settings, clock);
    }

    /** Who the trainer of {@code member} is in deployment history and shadow records. */
    static String actorOn(String member) {
        return "trainer@" + member;
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
        return bootstrapper.bootstrap(model, data, by, List.of());
    }

    /**
     * Registers and publishes v1 of a model configured as {@code kind: online}: its learner,
     * empty (revision 0), with a log range starting at {@code fromSequence}, the head sequence of
     * the model's outcome log, which the caller reads from the log. The model then scores from its
     * first event. Empty, changing nothing, if the model has been published already or its lease
     * is held elsewhere.
     *
     * @param features the names of an event's values, in order
     * @throws IllegalStateException if the model is not configured as online
     */
    public Optional<ModelVersion> startOnline(String model, List<String> features, long fromSequence, String by) {
        return bootstrapper.bootstrapOnline(model, features, fromSequence, by);
    }

    /**
     * Looks at every deployed model: asks for the runs that are due, and runs, on this member's
     * training threads, the requests that wait and the runs whose member left; then the shadow
     * trials and probations to decide, the defined models to bootstrap, and the MLflow catch-up.
     */
    public void check() {
        for (Deployment deployment : registry.deployments()) {
            dispatcher.check(deployment.model());
        }
        for (Shadow shadow : registry.shadows()) {
            threads.once("shadow trial of " + shadow.model(), () -> shadows.judge(shadow.model()));
        }
        for (Probation watched : probation.watching()) {
            String model = watched.model();
            threads.once("probation of " + model, () -> judgeProbation(model));
        }
        for (ModelDefinition definition : definitions.values()) {
            if (registry.deployment(definition.model()).isEmpty()) {
                threads.once("bootstrap of " + definition.model(), () -> bootstrapDefined(definition));
            }
        }
        reports.mirrorMissed();
    }

    /** Under the model's lease: v1 of a defined model from its first window, once it is there. */
    Optional<ModelVersion> bootstrapDefined(ModelDefinition definition) {
        return bootstrapper.bootstrapDefined(definition);
    }

    /** Decides the model's shadow trial now, if the trainer started it and it is due. */
    Optional<TrainingReport> judgeShadow(String model) {
        return shadows.judge(model);
    }

    /** Decides the model's probation, if its events are in, under the model's lease. */
    Optional<Probation> judgeProbation(String model) {
        return lease.holding(model, () -> probation.judge(model));
    }

    /** The model's schedule fired on this member (it fires on every member; one run per firing). */
    void fired(String model, String cron, long fireTimeMillis) {
        dispatcher.fired(model, cron, fireTimeMillis);
    }

    /**
     * Asks for a run of {@code model} by an operator; it runs on whichever member takes it,
     * paused or not. A pending automatic request is replaced; a pending manual one is joined.
     *
     * @return the request the run will answer (see {@link #report(String)})
     */
    public TrainingRequest request(String model, String by, String reason) {
        return dispatcher.request(model, by, reason);
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
        return dispatcher.retrain(model, by, reason, timeout);
    }

    /** Runs a training of {@code model} now if one is due or requested, on this member's training threads, and waits for it. */
    public Optional<TrainingReport> runIfDue(String model) {
        return dispatcher.runIfDue(model);
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

    /**
     * Trains again what a finished run trained, from its report and the rows it kept: the same
     * rows in the same order, algorithm, hyperparameters and seed give the same bytes.
     *
     * @throws IllegalStateException if the run kept no rows, or some have expired since
     */
    public TrainedModel reproduce(String runId) {
        return reproduction.of(runId);
    }

    /** Model names for which this member keeps a schedule: those deployed. */
    List<String> deployedModels() {
        return registry.deployments().stream().map(Deployment::model).sorted().toList();
    }

    @Override
    public void close() {
        threads.close();
    }
}

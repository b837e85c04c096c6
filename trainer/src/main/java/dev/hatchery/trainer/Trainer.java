package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a model is due for retraining and runs the training: window → fit →
 * holdout comparison with the champion → register and publish, or keep.
 *
 * <p>Safe to call from every member at once: a run holds the model's lease (an IMap entry
 * lock with a lease time), so one member trains a model at a time and another takes over if
 * the holder dies.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final HazelcastInstance hazelcast;
    private final TrainerSettings settings;
    private final Clock clock;
    private final ModelRegistry registry;
    private final IMap<String, Outcome> outcomes;
    private final IMap<String, DriftSignal> signals;
    private final IMap<String, ModelHealth> health;
    private final IMap<String, TrainingReport> runs;
    private final IMap<String, TrainerState> state;
    private final IMap<String, Boolean> leases;
    private final Map<String, TrainedModel> champions = new ConcurrentHashMap<>();

    private Trainer(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        this.hazelcast = hazelcast;
        this.settings = settings;
        this.clock = clock;
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.outcomes = FeedbackMaps.outcomes(hazelcast);
        this.signals = FeedbackMaps.driftSignals(hazelcast);
        this.health = FeedbackMaps.health(hazelcast);
        this.runs = TrainerMaps.trainingRuns(hazelcast);
        this.state = hazelcast.getMap(TrainerMaps.TRAINER_STATE);
        this.leases = hazelcast.getMap(TrainerMaps.LEASES);
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings) {
        return on(hazelcast, settings, Clock.systemUTC());
    }

    public static Trainer on(HazelcastInstance hazelcast, TrainerSettings settings, Clock clock) {
        return new Trainer(hazelcast, settings, clock);
    }

    public TrainerSettings settings() {
        return settings;
    }

    /**
     * Trains the first version of a model on historical rows, registers and publishes it. There
     * is no champion to beat, so no gate; the newest rows are still held out, so that the
     * version's recorded accuracy is one the feedback side can hold it to.
     */
    public ModelVersion bootstrap(String model, TrainingData data, String by) {
        int holdoutRows = Math.max(1, (int) Math.round(data.size() * settings.holdoutFraction()));
        TrainingData train = data.slice(0, data.size() - holdoutRows);
        long started = clock.millis();
        TrainedModel trained = ModelFit.fit(train, settings.algorithm(), settings.fit());
        long trainMillis = clock.millis() - started;
        double accuracy = ModelFit.accuracy(trained, data.slice(data.size() - holdoutRows, data.size()));
        ModelVersion version = register(new Registration(model, trained, train.size(), accuracy, "bootstrap"), train);
        Deployment deployment = registry.publish(model, version.version(), by,
                "bootstrap on " + train.size() + " rows, " + holdoutRows + " held out");
        LOG.info("bootstrapped {} on {} rows in {} ms; epoch {}", version.key(), data.size(), trainMillis,
                deployment.epoch());
        return version;
    }

    /**
     * Registers a version with the training reference of its features, which the feedback job
     * compares recent events with (data drift). The reference is written before anything can
     * publish the version, so its first predictions already have it.
     */
    ModelVersion register(Registration registration, TrainingData train) {
        ModelVersion version = registry.register(registration);
        FeedbackMaps.references(hazelcast).set(ModelVersion.key(version.model(), version.version()),
                FeatureReference.of(train.features(), train.x()));
        return version;
    }

    /** Checks every deployed model and runs the training of those that are due. */
    public List<TrainingReport> runDue() {
        List<TrainingReport> reports = new ArrayList<>();
        for (Deployment deployment : registry.deployments()) {
            runIfDue(deployment.model()).ifPresent(reports::add);
        }
        return reports;
    }

    /** Runs a training of {@code model} if one is due and no other member is running one. */
    public Optional<TrainingReport> runIfDue(String model) {
        return underLease(model, () -> dueTrigger(model).map(trigger -> run(model, trigger)));
    }

    /** Runs a training of {@code model} now, on the current concept's data, whatever the triggers say. */
    public TrainingReport retrain(String model, String by) {
        return underLease(model, () -> {
            TrainerState memory = memory(model);
            return Optional.of(run(model, new Trigger.Manual(by, memory.conceptStartEventTime())));
        }).orElseThrow(() -> new IllegalStateException(
                "another member is training model '" + model + "' right now: try again when it finishes"));
    }

    private Optional<TrainingReport> underLease(String model, java.util.function.Supplier<Optional<TrainingReport>> work) {
        boolean locked;
        try {
            locked = leases.tryLock(model, 0, TimeUnit.SECONDS, settings.leaseSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (!locked) {
            return Optional.empty();
        }
        try {
            return work.get();
        } finally {
            leases.unlock(model);
        }
    }

    private TrainerState memory(String model) {
        TrainerState remembered = state.get(model);
        return remembered == null ? TrainerState.initial(model) : remembered;
    }

    private Optional<Trigger> dueTrigger(String model) {
        Optional<Deployment> deployment = registry.deployment(model);
        if (deployment.isEmpty()) {
            return Optional.empty();
        }
        TrainerState memory = memory(model);
        DriftSignal signal = signals.get(model);
        if (signal != null && signal.sequence() > memory.handledSignal()) {
            long since = signal.driftSinceEventTimeMillis();
            if (memory.servingWindowStartEventTime() >= since) {
                // The serving version was trained from the drift on: it already answers the signal.
                memory = memory.handled(signal.sequence());
                state.set(model, memory);
            } else {
                long rows = OutcomeWindow.count(outcomes, model, since);
                if (rows < settings.minRows()) {
                    LOG.debug("{}: drift signal #{} waits for data: {} of {} rows", model, signal.sequence(), rows,
                            settings.minRows());
                    return Optional.empty();
                }
                return Optional.of(new Trigger.Drift(signal.sequence(), signal.detectedAtEventId(), signal.errorRate(),
                        since));
            }
        }
        ModelHealth modelHealth = health.get(model);
        if (settings.accuracyFloor() > 0 && modelHealth != null
                && modelHealth.epoch() == deployment.get().epoch()
                && modelHealth.outcomes() >= settings.minRows()
                && modelHealth.rollingAccuracy() < settings.accuracyFloor()) {
            return Optional.of(new Trigger.AccuracyFloor(modelHealth.rollingAccuracy(), settings.accuracyFloor(),
                    memory.conceptStartEventTime()));
        }
        long fresh = OutcomeWindow.count(outcomes, model, memory.lastWindowEndEventTime() == Long.MIN_VALUE
                ? Long.MIN_VALUE : memory.lastWindowEndEventTime() + 1);
        int servingRows = registry.version(model, deployment.get().version()).map(ModelVersion::trainingRows).orElse(0);
        int trainable = (int) (settings.maxRows() * (1 - settings.holdoutFraction()));
        if (servingRows < trainable && fresh >= settings.minRows()) {
            long conceptRows = OutcomeWindow.count(outcomes, model, memory.conceptStartEventTime());
            if (conceptRows * (1 - settings.holdoutFraction()) >= 2.0 * servingRows) {
                return Optional.of(new Trigger.MoreData(conceptRows, deployment.get().version(), servingRows,
                        memory.conceptStartEventTime()));
            }
        }
        if (settings.refreshEveryRows() > 0 && fresh >= settings.refreshEveryRows()) {
            return Optional.of(new Trigger.Refresh(fresh, memory.conceptStartEventTime()));
        }
        return Optional.empty();
    }

    private TrainingReport run(String model, Trigger trigger) {
        return new TrainingRun(this, model, trigger).call();
    }

    // What a run needs from its trainer; package-private so TrainingRun stays small.

    ModelRegistry registry() {
        return registry;
    }

    Clock clock() {
        return clock;
    }

    IMap<String, Outcome> outcomes() {
        return outcomes;
    }

    String member() {
        return hazelcast.getName();
    }

    String newRunId(String model) {
        return model + "-" + clock.millis() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sequence number of the model's latest drift signal, 0 if none. */
    long latestSignal(String model) {
        DriftSignal signal = signals.get(model);
        return signal == null ? 0 : signal.sequence();
    }

    void report(TrainingReport report) {
        runs.set(report.runId(), report);
    }

    TrainedModel champion(String model, int version) {
        return champions.computeIfAbsent(model + "/v" + version, key -> registry.load(model, version));
    }

    void remember(String model, Trigger trigger, OutcomeWindow window, boolean deployed) {
        TrainerState memory = memory(model);
        long handled = trigger instanceof Trigger.Drift drift ? Math.max(drift.sequence(), memory.handledSignal())
                : memory.handledSignal();
        long conceptStart = trigger instanceof Trigger.Drift drift ? drift.windowStartEventTime()
                : memory.conceptStartEventTime();
        long servingWindowStart = deployed ? window.startEventTime() : memory.servingWindowStartEventTime();
        state.set(model, new TrainerState(model, handled, conceptStart, window.endEventTime(), servingWindowStart));
    }
}

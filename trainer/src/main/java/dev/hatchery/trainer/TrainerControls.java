package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What operators ask of the trainer, as plain map operations: a run of a model, its report,
 * pausing and resuming a model's automatic runs, and defining a new model. Owns no threads and
 * starts nothing, so a Hazelcast client can use it; the members' trainers act on what it writes
 * at their next check ({@code trainer.checkCron}).
 */
public final class TrainerControls {

    private final ModelRegistry registry;
    private final Clock clock;
    private final IMap<String, TrainingRequest> requests;
    private final IMap<String, TrainingReport> runs;
    private final IMap<String, SchedulePause> pauses;
    private final IMap<String, ModelDefinition> definitions;
    private final IMap<String, String[]> windows;

    private TrainerControls(HazelcastInstance hazelcast, Clock clock) {
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.clock = clock;
        this.requests = hazelcast.getMap(TrainerMaps.REQUESTS);
        this.runs = TrainerMaps.trainingRuns(hazelcast);
        this.pauses = TrainerMaps.pauses(hazelcast);
        this.definitions = TrainerMaps.definitions(hazelcast);
        this.windows = hazelcast.getMap(TrainerMaps.WINDOWS);
    }

    public static TrainerControls on(HazelcastInstance hazelcast) {
        return on(hazelcast, Clock.systemUTC());
    }

    public static TrainerControls on(HazelcastInstance hazelcast, Clock clock) {
        return new TrainerControls(hazelcast, clock);
    }

    /**
     * Asks for a run of {@code model} by an operator; it runs on whichever member takes it,
     * paused or not. A pending automatic request is replaced; a pending manual one is joined.
     *
     * @param requestedOn who asks: a member's or a client's name
     * @return the request the run will answer (see {@link #report(String)})
     * @throws IllegalArgumentException if the model is not deployed
     */
    public TrainingRequest request(String model, String by, String reason, String requestedOn) {
        if (registry.deployment(model).isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' is not deployed, so there is nothing to retrain:"
                    + " deployed are " + registry.deployments().stream().map(Deployment::model).sorted().toList());
        }
        TrainingRequest mine = new TrainingRequest(model + "-" + UUID.randomUUID(), model,
                new Trigger.Manual(by, reason), clock.millis(), requestedOn);
        while (true) {
            TrainingRequest pending = requests.putIfAbsent(model, mine);
            if (pending == null) {
                return mine;
            }
            if (pending.trigger().manual()) {
                return pending;
            }
            if (requests.replace(model, pending, mine)) {
                return mine;
            }
        }
    }

    /** The finished run that answered a request, if there is one yet. */
    public Optional<TrainingReport> report(String requestId) {
        return runs.values(Predicates.equal("requestId", requestId)).stream()
                .filter(r -> r.finished() && r.status() != TrainingReport.Status.INTERRUPTED)
                .max(Comparator.comparingLong(TrainingReport::finishedAtMillis));
    }

    /** The model's most recently started run, finished or not. */
    public Optional<TrainingReport> lastRun(String model) {
        return runs.values(Predicates.equal("model", model)).stream()
                .max(Comparator.comparingLong(TrainingReport::startedAtMillis));
    }

    /** Pauses a model's automatic training, on every member; an operator's requests still run. */
    public SchedulePause pause(String model, String by, String reason) {
        SchedulePause pause = new SchedulePause(model, by, reason, clock.millis());
        pauses.set(model, pause);
        return pause;
    }

    /** Resumes a model's automatic training; returns whether it was paused. */
    public boolean resume(String model) {
        return pauses.remove(model) != null;
    }

    public Optional<SchedulePause> paused(String model) {
        return Optional.ofNullable(pauses.get(model));
    }

    /**
     * Declares a model so that the members bootstrap its v1 from its labelled events; a model
     * defined already keeps its definition, which is returned.
     */
    public ModelDefinition define(ModelDefinition definition) {
        ModelDefinition earlier = definitions.putIfAbsent(definition.model(), definition);
        return earlier == null ? definition : earlier;
    }

    public Optional<ModelDefinition> definition(String model) {
        return Optional.ofNullable(definitions.get(model));
    }

    /**
     * The events whose rows {@code model} v{@code version} trained on (not those it was held out
     * on), as far as the trainer still keeps them ({@code feedback.retentionMillis}); empty for a
     * version registered from elsewhere.
     */
    public Set<String> trainedOn(String model, int version) {
        Optional<ModelVersion> registered = registry.version(model, version);
        if (registered.isEmpty()) {
            return Set.of();
        }
        String runId = registered.get().runId();
        String[] ids = windows.get(Trainer.BOOTSTRAP_RUN.equals(runId) ? TrainerMaps.bootstrapRowsKey(model) : runId);
        if (ids == null) {
            return Set.of();
        }
        List<String> rows = Arrays.asList(ids);
        // A run keeps its whole window, training rows first and holdout last; a bootstrap keeps its training rows.
        int trained = Trainer.BOOTSTRAP_RUN.equals(runId) ? rows.size()
                : Math.min(rows.size(), registered.get().trainingRows());
        return Set.copyOf(rows.subList(0, trained));
    }

    /** Every defined model, those with versions since included. */
    public List<ModelDefinition> definitions() {
        return List.copyOf(definitions.values());
    }
}

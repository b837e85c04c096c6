package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.ReadOnlyMap;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns triggers into training runs: at most one pending {@link TrainingRequest} per model in
 * the cluster, run on this member's training threads under the model's lease, and recorded as
 * active until it ends, so that a run whose member died is found and run again.
 */
final class RunDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final RunContext context;
    private final TrainingLease lease;
    private final TrainingThreads threads;
    private final IMap<String, TrainingRequest> requests;
    private final IMap<String, ActiveRun> active;
    private final IMap<String, SchedulePause> pauses;
    private final ReadOnlyMap<String, ModelHealth> health;
    private final ReadOnlyMap<String, DataDriftState> dataDrift;

    RunDispatcher(HazelcastInstance hazelcast, RunContext context, TrainingLease lease, TrainingThreads threads) {
        this.context = context;
        this.lease = lease;
        this.threads = threads;
        this.requests = hazelcast.getMap(TrainerMaps.REQUESTS);
        this.active = hazelcast.getMap(TrainerMaps.ACTIVE);
        this.pauses = TrainerMaps.pauses(hazelcast);
        this.health = FeedbackMaps.ReadOnly.health(hazelcast);
        this.dataDrift = FeedbackMaps.ReadOnly.dataDrift(hazelcast);
    }

    /** Asks for the model's due run, if any, and runs what waits for it or was left by a member that died. */
    void check(String model) {
        if (!pauses.containsKey(model)) {
            dueTrigger(model).ifPresent(trigger -> enqueue(model, trigger));
        }
        if (requests.containsKey(model) || orphaned(model)) {
            dispatch(model);
        }
    }

    /** The model's schedule fired on this member (it fires on every member; one run per firing). */
    void fired(String model, String cron, long fireTimeMillis) {
        if (pauses.containsKey(model) || context.registry().deployment(model).isEmpty()) {
            return;
        }
        if (fireTimeMillis > context.memory().of(model).lastScheduledFireMillis()) {
            enqueue(model, new Trigger.Scheduled(cron, fireTimeMillis));
            dispatch(model);
        }
    }

    TrainingRequest request(String model, String by, String reason) {
        TrainingRequest request = context.controls().request(model, by, reason, context.member());
        dispatch(model);
        return request;
    }

    TrainingReport retrain(String model, String by, String reason, Duration timeout) {
        TrainingRequest request = request(model, by, reason);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TrainingReport> report = context.controls().report(request.requestId());
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

    Optional<TrainingReport> runIfDue(String model) {
        if (!pauses.containsKey(model)) {
            dueTrigger(model).ifPresent(trigger -> enqueue(model, trigger));
        }
        try {
            return threads.submit(() -> runNext(model)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("training of '" + model + "' failed: " + e.getCause(), e.getCause());
        }
    }

    private void enqueue(String model, Trigger trigger) {
        requests.putIfAbsent(model, new TrainingRequest(model + "-" + UUID.randomUUID(), model, trigger,
                context.clock().millis(), context.member()));
    }

    private boolean orphaned(String model) {
        return active.containsKey(model) && lease.free(model);
    }

    /** Runs the model's waiting requests on this member's training threads, unless it already is. */
    private void dispatch(String model) {
        threads.once(model, () -> {
            while (runNext(model).isPresent() && requests.containsKey(model)) {
                // another request came while the run ran: it waits for no schedule
            }
        });
    }

    /** Under the model's lease: the run its dead member left, or the waiting request, if still due. */
    private Optional<TrainingReport> runNext(String model) {
        return lease.holding(model, () -> {
            TrainingRequest request = takeRequest(model);
            if (request == null) {
                return Optional.empty();
            }
            TrainerState memory = context.memory().of(model).starting(request.trigger());
            TrainingRun run = new TrainingRun(context, request, memory.conceptStartEventTime());
            // Active first: a member dying after it leaves a run another member finds and repeats;
            // marking the trigger handled first would leave a request that looks answered.
            active.set(model, new ActiveRun(run.runId(), request, context.member(), context.clock().millis()));
            context.memory().set(model, memory);
            requests.remove(model, request);
            TrainingReport report = run.call();
            active.delete(model);
            return Optional.of(report);
        });
    }

    private @Nullable TrainingRequest takeRequest(String model) {
        ActiveRun orphan = active.get(model);
        if (orphan != null) {
            TrainingReport last = context.reports().get(orphan.runId());
            if (last != null && last.finished()) {
                active.delete(model);
            } else {
                String why = "member " + orphan.member() + " left while running it; the request runs again";
                LOG.warn("training run {} of '{}': {}", orphan.runId(), model, why);
                if (last != null) {
                    context.reports().write(last.interrupted(why, context.clock().millis()));
                }
                return orphan.request();
            }
        }
        TrainingRequest pending = requests.get(model);
        if (pending != null && !TriggerPolicy.stillDue(pending.trigger(), pauses.containsKey(model),
                context.memory().of(model), () -> dueTrigger(model).isPresent())) {
            LOG.debug("request {} of '{}' ({}) is answered already", pending.requestId(), model, pending.trigger().kind());
            requests.remove(model, pending);
            return null;
        }
        return pending;
    }

    /** The automatic trigger due for {@code model}, if any: the facts {@link TriggerPolicy} decides on. */
    private Optional<Trigger> dueTrigger(String model) {
        Optional<Deployment> deployment = context.registry().deployment(model);
        if (deployment.isEmpty()) {
            return Optional.empty();
        }
        int servingVersion = deployment.get().version();
        return TriggerPolicy.due(new TriggerPolicy.Situation(model, context.settings().policy(model), deployment.get(),
                context.memory().of(model), context.signals().get(model), dataDrift.get(model), health.get(model),
                () -> context.registry().version(model, servingVersion).map(ModelVersion::trainingRows).orElse(0),
                from -> OutcomeWindow.count(context.outcomes(), model, from), context.clock().millis()));
    }
}

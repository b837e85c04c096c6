package dev.hatchery.trainer;

import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ReadOnlyMap;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * What a {@link TrainingRun} needs from the member's trainer: the cluster's state it reads, and
 * the parts it hands its results to. One per trainer; runs share it.
 *
 * @param member the member's name; the trainer acts as {@link #actor()} in deployment history
 */
record RunContext(
        TrainerSettings settings,
        ModelRegistry registry,
        Clock clock,
        String member,
        ReadOnlyMap<String, Outcome> outcomes,
        ReadOnlyMap<String, DriftSignal> signals,
        ExecutorService fitThreads,
        RunReports reports,
        TrainerMemory memory,
        Champions champions,
        TrainedVersions versions,
        ShadowJudge shadows,
        ProbationJudge probation,
        TrainerControls controls) {

    /** Who the trainer is in deployment history and shadow records. */
    String actor() {
        return Trainer.actorOn(member);
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

    TrainedModel champion(String model, int version) {
        return champions.of(model, version);
    }

    /** The events whose rows {@code model} v{@code version} trained on, as far as they are kept. */
    Set<String> trainedOn(String model, int version) {
        return controls.trainedOn(model, version);
    }

    /** An automatic deployment: on probation from now on. */
    void deployed(Deployment deployment) {
        probation.watch(deployment, settings.policy(deployment.model()).probation());
    }
}

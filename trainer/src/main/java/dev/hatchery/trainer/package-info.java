/**
 * Retraining: a Quartz schedule on every member asks, for each deployed model, whether a
 * run is due (a drift signal, accuracy below a floor, enough new outcomes, or an operator's
 * request); one member at a time runs it under a cluster-wide lease. A run trains a Smile
 * model on a window of recent outcomes, compares it with the serving version on the most
 * recent slice that neither trained on, and registers and publishes it only if it wins.
 *
 * <p>{@link dev.hatchery.trainer.Trainer} is the front door and only delegates. Who does what:
 * <ul>
 *   <li>{@code TriggerPolicy} — which automatic run is due, and whether a waiting request still
 *       is: a pure function of a {@code Situation} (the feedback side's signals, health and data
 *       drift, the trainer's {@code TrainerState}, outcome counts).
 *   <li>{@code RunDispatcher} — requests (one pending per model), the active-run record that lets
 *       another member repeat a run whose member died, and the waits of {@code retrain}; it runs
 *       under {@code TrainingLease} (the per-model IMap lock) on {@code TrainingThreads}.
 *   <li>{@code TrainingRun} — one run, fed by a {@code RunContext} (what the run reads and the
 *       parts it hands results to: {@code RunReports}, {@code TrainedVersions},
 *       {@code TrainerMemory}, {@code Champions}, {@code ShadowJudge}).
 *   <li>{@code ShadowJudge} — starts and decides the trainer's shadow trials;
 *       {@code ProbationJudge} watches automatic deployments; {@code Bootstrapper} trains v1;
 *       {@code Reproduction} trains a finished run again.
 * </ul>
 */
@NullMarked
package dev.hatchery.trainer;

import org.jspecify.annotations.NullMarked;

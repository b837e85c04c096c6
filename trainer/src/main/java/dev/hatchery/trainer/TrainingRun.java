package dev.hatchery.trainer;

import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of one model. Whatever happens, it ends with a report; a failure changes
 * nothing that serves.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final Trainer trainer;
    private final TrainerSettings settings;
    private final String model;
    private final Trigger trigger;
    private final String runId;
    private final long startedAtMillis;
    private final long signalAtStart;

    TrainingRun(Trainer trainer, String model, Trigger trigger) {
        this.trainer = trainer;
        this.settings = trainer.settings();
        this.model = model;
        this.trigger = trigger;
        this.runId = trainer.newRunId(model);
        this.startedAtMillis = trainer.clock().millis();
        this.signalAtStart = trainer.latestSignal(model);
    }

    TrainingReport call() {
        ModelRegistry registry = trainer.registry();
        Deployment serving = registry.deployment(model).orElseThrow(() -> new IllegalStateException(
                "model '" + model + "' is not deployed: bootstrap it first"));
        trainer.report(report(TrainingReport.RUNNING, 0, 0, 0, Double.NaN, Double.NaN, serving, 0, 0, ""));
        OutcomeWindow window = OutcomeWindow.read(trainer.outcomes(), model, trigger.windowStartEventTime(),
                settings.maxRows());
        TrainingReport report;
        try {
            report = train(registry, serving, window);
        } catch (RuntimeException e) {
            LOG.warn("training run {} of '{}' failed; v{} keeps serving", runId, model, serving.version(), e);
            report = report(TrainingReport.FAILED, window.size(), 0, 0, Double.NaN, Double.NaN, serving, 0, 0,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // Remember the trigger even after a failure, so the same signal does not retrain in a loop.
        trainer.remember(model, trigger, window, TrainingReport.DEPLOYED.equals(report.status()));
        trainer.report(report);
        return report;
    }

    private TrainingReport train(ModelRegistry registry, Deployment serving, OutcomeWindow window) {
        if (window.size() < settings.minRows()) {
            throw new IllegalStateException("window holds " + window.size() + " outcomes, fewer than trainer.minRows "
                    + settings.minRows());
        }
        ModelVersion champion = registry.version(model, serving.version()).orElseThrow();
        TrainingData data = window.toData(champion.features(), champion.classes());
        int holdoutRows = Math.max(1, (int) Math.round(data.size() * settings.holdoutFraction()));
        TrainingData train = data.slice(0, data.size() - holdoutRows);
        TrainingData holdout = data.slice(data.size() - holdoutRows, data.size());

        long fitStart = trainer.clock().millis();
        TrainedModel challenger = ModelFit.fit(train, settings.algorithm(), settings.fit());
        long trainMillis = trainer.clock().millis() - fitStart;
        double challengerAccuracy = ModelFit.accuracy(challenger, holdout);
        double championAccuracy = ModelFit.accuracy(trainer.champion(model, serving.version()), holdout);

        GateDecision decision = GateDecision.decide(challengerAccuracy, championAccuracy, settings.minImprovement(),
                holdoutRows).unlessDriftedMeanwhile(signalAtStart, trainer.latestSignal(model), trigger);
        return switch (decision) {
            case GateDecision.Deploy deploy -> {
                ModelVersion version = trainer.register(
                        new Registration(model, challenger, train.size(), challengerAccuracy, runId), train);
                Deployment published = registry.publish(model, version.version(), "trainer@" + trainer.member(),
                        trigger.describe() + String.format("; holdout accuracy %.4f vs v%d %.4f",
                                challengerAccuracy, serving.version(), championAccuracy));
                yield report(TrainingReport.DEPLOYED, train.size(), holdoutRows, trainMillis, challengerAccuracy,
                        championAccuracy, serving, version.version(), published.epoch(), "challenger wins");
            }
            case GateDecision.Keep keep -> report(TrainingReport.KEPT, train.size(), holdoutRows, trainMillis,
                    challengerAccuracy, championAccuracy, serving, 0, 0, keep.reason());
        };
    }

    private TrainingReport report(String status, int rows, int holdoutRows, long trainMillis, double challenger,
            double champion, Deployment serving, int newVersion, long epoch, String detail) {
        boolean finished = !TrainingReport.RUNNING.equals(status);
        return new TrainingReport(runId, model, trigger.describe(), status, settings.algorithm().id(), rows, holdoutRows,
                trainMillis, challenger, champion, serving.version(), newVersion, epoch, detail, trainer.member(),
                startedAtMillis, finished ? trainer.clock().millis() : 0);
    }
}

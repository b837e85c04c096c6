package dev.hatchery.trainer;

import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.ReadOnlyMap;
import dev.hatchery.registry.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Trains again what a finished run trained ({@link Trainer#reproduce}). */
final class Reproduction {

    private final RunReports reports;
    private final TrainedVersions versions;
    private final ReadOnlyMap<String, Outcome> outcomes;
    private final ModelRegistry registry;

    Reproduction(RunReports reports, TrainedVersions versions, ReadOnlyMap<String, Outcome> outcomes,
            ModelRegistry registry) {
        this.reports = reports;
        this.versions = versions;
        this.outcomes = outcomes;
        this.registry = registry;
    }

    TrainedModel of(String runId) {
        TrainingReport report = Optional.ofNullable(reports.get(runId)).orElseThrow(() -> new IllegalArgumentException(
                "no training run '" + runId + "' in " + TrainerMaps.TRAINING_RUNS));
        String[] ids = versions.rows(runId);
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
}

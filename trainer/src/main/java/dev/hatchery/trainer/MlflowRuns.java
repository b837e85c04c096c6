package dev.hatchery.trainer;

import dev.hatchery.registry.mlflow.MirroredRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A finished training report as an MLflow run: params are how the challenger was made (algorithm,
 * each hyperparameter, window, rows, seed), metrics how it did against the champion, tags why the
 * run happened and what it decided.
 */
final class MlflowRuns {

    private MlflowRuns() {
    }

    /** @param trigger the run's trigger when known (it adds a drift's detector and statistic), else null */
    static MirroredRun of(TrainingReport report, @Nullable Trigger trigger) {
        TrainingReport.Challenger challenger = report.challenger();
        TrainingReport.Window window = report.window();
        TrainingReport.Comparison comparison = report.comparison();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", challenger.algorithm());
        params.put("hyperparameters", challenger.hyperparameters());
        for (String pair : challenger.hyperparameters().split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        params.put("seed", Long.toString(challenger.seed()));
        params.put("recency_half_life_rows", Integer.toString(challenger.recencyHalfLifeRows()));
        params.put("search_trials", Integer.toString(challenger.searchTrials()));
        params.put("window", window.strategy());
        if (window.trainingRows() > 0) {
            params.put("window_start_event_time", Long.toString(window.startEventTime()));
            params.put("window_end_event_time", Long.toString(window.endEventTime()));
            params.put("data_sha256", window.dataSha256());
        }
        params.put("training_rows", Integer.toString(window.trainingRows()));
        params.put("holdout_rows", Integer.toString(window.holdoutRows()));

        Map<String, Double> metrics = new LinkedHashMap<>();
        if (window.holdoutRows() > 0 || comparison.shadowEvents() > 0) {
            metrics.put("challenger_holdout_accuracy", comparison.challengerAccuracy());
            metrics.put("champion_holdout_accuracy", comparison.championAccuracy());
            metrics.put("challenger_only", (double) comparison.challengerOnly());
            metrics.put("champion_only", (double) comparison.championOnly());
            metrics.put("p_value", comparison.pValue());
        }
        metrics.put("training_millis", (double) challenger.trainMillis());
        metrics.put("shadow_events", (double) comparison.shadowEvents());

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("trigger", report.triggerKind().text());
        tags.put("trigger_detail", report.trigger());
        if (trigger instanceof Trigger.Drift drift) {
            tags.put("drift_detector", drift.detector());
            tags.put("drift_statistic", Double.toString(drift.statistic()));
            tags.put("drift_error_rate", Double.toString(drift.errorRate()));
        }
        tags.put("gate_decision", report.status().name());
        tags.put("reason", report.detail());
        tags.put("champion_version", Integer.toString(report.versions().championVersion()));
        tags.put("hatchery.request_id", report.requestId());
        tags.put("hatchery.member", report.member());
        if (report.versions().epoch() > 0) {
            tags.put("hatchery.epoch", Long.toString(report.versions().epoch()));
        }
        return new MirroredRun(report.model(), report.runId(), report.status().name(), report.startedAtMillis(),
                report.finishedAtMillis(), report.versions().newVersion(), params, metrics, tags);
    }
}

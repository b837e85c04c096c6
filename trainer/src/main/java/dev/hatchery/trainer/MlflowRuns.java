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
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", report.algorithm());
        params.put("hyperparameters", report.hyperparameters());
        for (String pair : report.hyperparameters().split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        params.put("seed", Long.toString(report.seed()));
        params.put("recency_half_life_rows", Integer.toString(report.recencyHalfLifeRows()));
        params.put("search_trials", Integer.toString(report.searchTrials()));
        params.put("window", report.window());
        if (report.trainingRows() > 0) {
            params.put("window_start_event_time", Long.toString(report.windowStartEventTime()));
            params.put("window_end_event_time", Long.toString(report.windowEndEventTime()));
            params.put("data_sha256", report.dataSha256());
        }
        params.put("training_rows", Integer.toString(report.trainingRows()));
        params.put("holdout_rows", Integer.toString(report.holdoutRows()));

        Map<String, Double> metrics = new LinkedHashMap<>();
        if (report.holdoutRows() > 0 || report.shadowEvents() > 0) {
            metrics.put("challenger_holdout_accuracy", report.challengerAccuracy());
            metrics.put("champion_holdout_accuracy", report.championAccuracy());
            metrics.put("challenger_only", (double) report.challengerOnly());
            metrics.put("champion_only", (double) report.championOnly());
            metrics.put("p_value", report.pValue());
        }
        metrics.put("training_millis", (double) report.trainMillis());
        metrics.put("shadow_events", (double) report.shadowEvents());

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("trigger", report.triggerKind());
        tags.put("trigger_detail", report.trigger());
        if (trigger instanceof Trigger.Drift drift) {
            tags.put("drift_detector", drift.detector());
            tags.put("drift_statistic", Double.toString(drift.statistic()));
            tags.put("drift_error_rate", Double.toString(drift.errorRate()));
        }
        tags.put("gate_decision", report.status());
        tags.put("reason", report.detail());
        tags.put("champion_version", Integer.toString(report.championVersion()));
        tags.put("hatchery.request_id", report.requestId());
        tags.put("hatchery.member", report.member());
        if (report.epoch() > 0) {
            tags.put("hatchery.epoch", Long.toString(report.epoch()));
        }
        return new MirroredRun(report.model(), report.runId(), report.status(), report.startedAtMillis(),
                report.finishedAtMillis(), report.newVersion(), params, metrics, tags);
    }
}

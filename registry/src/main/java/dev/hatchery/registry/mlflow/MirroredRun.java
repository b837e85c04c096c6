package dev.hatchery.registry.mlflow;

import java.util.Map;
import java.util.Objects;

/**
 * One finished training run as MLflow shows it: what the trainer hands the mirror. Values are
 * text for params and tags and numbers for metrics, as MLflow takes them.
 *
 * @param runId    Hatchery's run id, kept in the MLflow run's tag {@code hatchery.run_id}
 * @param status   Hatchery's final status (DEPLOYED, KEPT, FAILED, TIMED_OUT, INTERRUPTED)
 * @param version  the Hatchery version the run registered, 0 if none
 */
public record MirroredRun(
        String model,
        String runId,
        String status,
        long startedAtMillis,
        long finishedAtMillis,
        int version,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> tags) {

    public MirroredRun {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runId, "runId");
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
    }

    /** MLflow's run status for Hatchery's: FINISHED for a decision, FAILED for a failure, KILLED for an interruption. */
    String mlflowStatus() {
        return switch (status) {
            case "FAILED", "TIMED_OUT" -> "FAILED";
            case "INTERRUPTED" -> "KILLED";
            default -> "FINISHED";
        };
    }
}

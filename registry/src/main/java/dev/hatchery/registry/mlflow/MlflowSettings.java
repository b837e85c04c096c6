package dev.hatchery.registry.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the mirror pushes and how often. An empty {@code trackingUri} turns the mirror off.
 *
 * @param trackingUri         the MLflow tracking server, e.g. {@code http://mlflow:5000} ("" : off)
 * @param token               a bearer token ("" : none)
 * @param username            basic-auth user ("" : none); used only without a token
 * @param password            basic-auth password
 * @param experimentPrefix    a model's experiment is this prefix and its name, unless named in {@code experiments}
 * @param experiments         a model's own experiment name, by model
 * @param syncIntervalMillis  how often the outbox is pushed
 * @param aliasPollMillis     how often the alias {@code champion} is read back from MLflow (0: never)
 * @param retryMinMillis      the first wait after a failed push; doubles per failure
 * @param retryMaxMillis      the longest wait between attempts
 * @param requestTimeoutMillis how long one request to MLflow may take
 */
public record MlflowSettings(
        String trackingUri,
        String token,
        String username,
        String password,
        String experimentPrefix,
        Map<String, String> experiments,
        long syncIntervalMillis,
        long aliasPollMillis,
        long retryMinMillis,
        long retryMaxMillis,
        long requestTimeoutMillis) {

    public static final MlflowSettings DEFAULTS = new MlflowSettings("", "", "", "", "hatchery-", Map.of(), 1000,
            5000, 500, 60_000, 10_000);

    public MlflowSettings {
        experiments = Map.copyOf(experiments);
        List<String> problems = new ArrayList<>();
        String uri = trackingUri.strip();
        if (!uri.isEmpty() && !uri.startsWith("http://") && !uri.startsWith("https://")) {
            problems.add("mlflow.trackingUri is '" + trackingUri + "': give an http:// or https:// URL of the tracking"
                    + " server (a file or databricks URI cannot take Hatchery's REST calls)");
        }
        trackingUri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        positive(problems, "mlflow.syncIntervalMillis", syncIntervalMillis);
        if (aliasPollMillis < 0) {
            problems.add("mlflow.aliasPollMillis is " + aliasPollMillis + ": give 0 (never) or more");
        }
        positive(problems, "mlflow.retryMinMillis", retryMinMillis);
        if (retryMaxMillis < retryMinMillis) {
            problems.add("mlflow.retryMaxMillis is " + retryMaxMillis + ": give at least mlflow.retryMinMillis ("
                    + retryMinMillis + ")");
        }
        positive(problems, "mlflow.requestTimeoutMillis", requestTimeoutMillis);
        if (experimentPrefix.isBlank() && experiments.isEmpty()) {
            problems.add("mlflow.experimentPrefix is blank: give a prefix, or name each model's experiment in"
                    + " mlflow.experiments");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String key, long value) {
        if (value < 1) {
            problems.add(key + " is " + value + ": give 1 or more");
        }
    }

    /** Whether there is a server to mirror to. */
    public boolean on() {
        return !trackingUri.isEmpty();
    }

    /** The MLflow experiment of a model's training runs. */
    public String experiment(String model) {
        return experiments.getOrDefault(model, experimentPrefix + model);
    }

    /**
     * These settings with MLflow's own environment variables applied over them, as MLflow's
     * clients do: {@code MLFLOW_TRACKING_URI}, {@code MLFLOW_TRACKING_TOKEN},
     * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}.
     */
    public MlflowSettings withEnvironment(Map<String, String> environment) {
        return new MlflowSettings(
                environment.getOrDefault("MLFLOW_TRACKING_URI", trackingUri),
                environment.getOrDefault("MLFLOW_TRACKING_TOKEN", token),
                environment.getOrDefault("MLFLOW_TRACKING_USERNAME", username),
                environment.getOrDefault("MLFLOW_TRACKING_PASSWORD", password),
                experimentPrefix, experiments, syncIntervalMillis, aliasPollMillis, retryMinMillis, retryMaxMillis,
                requestTimeoutMillis);
    }

    public MlflowSettings withTrackingUri(String uri) {
        return new MlflowSettings(uri, token, username, password, experimentPrefix, experiments, syncIntervalMillis,
                aliasPollMillis, retryMinMillis, retryMaxMillis, requestTimeoutMillis);
    }

    public MlflowSettings withIntervals(long syncIntervalMillis, long aliasPollMillis, long retryMinMillis,
            long retryMaxMillis) {
        return new MlflowSettings(trackingUri, token, username, password, experimentPrefix, experiments,
                syncIntervalMillis, aliasPollMillis, retryMinMillis, retryMaxMillis, requestTimeoutMillis);
    }

    @Override
    public String toString() {
        // Never print a secret into a log line.
        return "MlflowSettings[trackingUri=" + trackingUri + ", auth=" + (!token.isEmpty() ? "token"
                : !username.isEmpty() ? "basic" : "none") + ", experimentPrefix=" + experimentPrefix + ", experiments="
                + experiments + "]";
    }
}

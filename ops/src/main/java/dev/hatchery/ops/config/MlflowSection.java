package dev.hatchery.ops.config;

import dev.hatchery.registry.mlflow.MlflowSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code mlflow} section. Credentials are not read from the file: MLflow's own environment
 * variables give them ({@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_TRACKING_USERNAME} and
 * {@code MLFLOW_TRACKING_PASSWORD}), and {@code MLFLOW_TRACKING_URI} wins over
 * {@code trackingUri}, when the node starts the mirror.
 */
final class MlflowSection {

    private MlflowSection() {
    }

    static MlflowSettings read(YamlReader root, YamlReader mlflow) {
        MlflowSettings m = MlflowSettings.DEFAULTS;
        Map<String, String> experiments = new LinkedHashMap<>();
        YamlReader perModel = mlflow.section("experiments");
        for (String model : perModel.names()) {
            experiments.put(model, perModel.string(model, m.experiment(model)));
        }
        return root.build(() -> new MlflowSettings(
                mlflow.stringOrEmpty("trackingUri", m.trackingUri()), m.token(), m.username(), m.password(),
                mlflow.string("experimentPrefix", m.experimentPrefix()), experiments,
                mlflow.longValue("syncIntervalMillis", m.syncIntervalMillis()),
                mlflow.longValue("aliasPollMillis", m.aliasPollMillis()),
                mlflow.longValue("retryMinMillis", m.retryMinMillis()),
                mlflow.longValue("retryMaxMillis", m.retryMaxMillis()),
                mlflow.longValue("requestTimeoutMillis", m.requestTimeoutMillis())), m);
    }
}

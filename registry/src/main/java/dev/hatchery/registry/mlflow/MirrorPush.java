package dev.hatchery.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes one outbox entry to MLflow, idempotently: whatever it creates carries Hatchery's ids in
 * tags and is looked up by them first (and remembered in {@code mlflow_ids}), so an entry pushed
 * again after a failure or a crash halfway creates no second run or version.
 */
final class MirrorPush {

    static final String ALIAS = "champion";
    static final String RUN_ID_TAG = "hatchery.run_id";
    static final String VERSION_TAG = "hatchery.version";
    private static final int MAX_PARAM_CHARS = 500;
    private static final int MAX_TAG_CHARS = 5_000;

    private final MlflowServer server;
    private final MlflowSettings settings;
    private final ModelRegistry registry;
    private final Outbox outbox;
    private final IMap<String, String> ids;
    private final IMap<String, MirrorStatus> states;
    private final Map<String, String> experimentIds = new ConcurrentHashMap<>();

    /** A run in MLflow: its id and where its artifacts go. */
    record RunRef(String id, String artifactUri) {
    }

    MirrorPush(HazelcastInstance hazelcast, MlflowServer server, MlflowSettings settings, ModelRegistry registry,
            Outbox outbox) {
        this.server = server;
        this.settings = settings;
        this.registry = registry;
        this.outbox = outbox;
        this.ids = hazelcast.getMap(MlflowMaps.IDS);
        this.states = hazelcast.getMap(MlflowMaps.MIRROR);
    }

    void push(OutboxEntry entry) {
        try {
            switch (entry.kind()) {
                case RUN -> pushRun(outbox.run(entry));
                case VERSION -> registry.version(entry.model(), entry.version()).ifPresent(this::mlflowVersion);
                case SERVING -> pushServing(entry);
                case AUDIT -> pushAudit(outbox.audit(entry));
            }
        } catch (MlflowException e) {
            if (e.status() == 404) {
                forget(entry.model());
            }
            throw e;
        }
    }

    /**
     * Someone deleted in MLflow what Hatchery remembers making (a run, a registered model): forgets
     * the model's MLflow ids, so that a retry finds by tag what is left and makes the rest again,
     * and which versions and pointer moves were sent, so that the next reconciliation sends them again.
     */
    void forget(String model) {
        experimentIds.remove(settings.experiment(model));
        ids.removeAll(id -> {
            String key = String.valueOf(id.getKey());
            return key.startsWith(model + "|mlflow-") || key.startsWith(model + "|version|")
                    || key.startsWith(model + "|epoch|");
        });
    }

    private void pushRun(MirroredRun run) {
        RunRef ref = run(run.model(), run.runId(), run.startedAtMillis());
        JsonNode data = server.run(ref.id()).path("data");
        // A retry logs only what is not there yet: MLflow refuses a param logged twice with another value.
        Map<String, String> params = new LinkedHashMap<>(run.params());
        data.path("params").forEach(param -> params.remove(param.path("key").asText()));
        Map<String, Double> metrics = new LinkedHashMap<>(run.metrics());
        data.path("metrics").forEach(metric -> metrics.remove(metric.path("key").asText()));
        metrics.values().removeIf(value -> value.isNaN() || value.isInfinite());
        Map<String, String> tags = new LinkedHashMap<>(run.tags());
        tags.put(RUN_ID_TAG, run.runId());
        tags.put("hatchery.model", run.model());
        tags.put("hatchery.status", run.status());
        if (run.version() > 0) {
            tags.put(VERSION_TAG, Integer.toString(run.version()));
        }
        params.replaceAll((key, value) -> clipped(value, MAX_PARAM_CHARS));
        tags.replaceAll((key, value) -> clipped(value, MAX_TAG_CHARS));
        server.logBatch(ref.id(), params, metrics, run.finishedAtMillis(), tags);
        if (run.version() > 0) {
            Optional<ModelVersion> version = registry.version(run.model(), run.version());
            if (version.isPresent()) {
                mlflowVersion(version.get());
                // Now that the run is known, its card carries the window and the scores too.
                server.putArtifact(ref.artifactUri(), artifactDir(run.version()) + "/model_card.json",
                        card(version.get(), Optional.of(run)));
            }
        }
        server.endRun(ref.id(), run.mlflowStatus(), run.finishedAtMillis());
    }

    /** An operator's command, as a tag of the registered model: MLflow's tag keys take no colons, so the time is in millis. */
    private void pushAudit(AuditEntry audit) {
        server.ensureRegisteredModel(audit.model(), "Hatchery model '" + audit.model()
                + "', mirrored from Hatchery's registry; the alias champion is the version serving");
        String key = "hatchery.audit." + audit.atMillis() + "." + audit.actor().replaceAll("[^\\w.\\- /]", "_");
        server.tagModel(audit.model(), key, clipped(audit.actor() + ": " + audit.command() + " (" + audit.reason() + ") -> " + audit.result(),
                        MAX_TAG_CHARS));
    }

    private void pushServing(OutboxEntry entry) {
        Optional<Deployment> change = registry.history(entry.model()).stream()
                .filter(deployment -> deployment.epoch() == entry.epoch()).findFirst();
        if (change.isEmpty()) {
            return;
        }
        Deployment deployment = change.get();
        ModelVersion served = registry.version(deployment.model(), deployment.version()).orElseThrow(
                () -> new IllegalStateException(deployment.versionKey() + " serves from epoch " + deployment.epoch()
                        + " but is not registered"));
        String mlflowVersion = mlflowVersion(served);
        String at = Instant.ofEpochMilli(deployment.publishedAtMillis()).toString();
        server.tagVersion(deployment.model(), mlflowVersion, "deployed_at", at);
        server.tagVersion(deployment.model(), mlflowVersion, "hatchery.epoch", Long.toString(deployment.epoch()));
        server.tagVersion(deployment.model(), mlflowVersion, "deployed_by", deployment.by());
        server.tagVersion(deployment.model(), mlflowVersion, "deploy_reason", clipped(deployment.reason(),
                MAX_TAG_CHARS));
        boolean rollback = deployment.action() == Deployment.Action.ROLLBACK || MlflowMirror.BY.equals(deployment.by());
        if (rollback) {
            Optional<Deployment> before = registry.history(deployment.model()).stream()
                    .filter(earlier -> earlier.epoch() == deployment.epoch() - 1).findFirst();
            if (before.isPresent()) {
                ModelVersion left = registry.version(before.get().model(), before.get().version()).orElseThrow();
                String leftVersion = mlflowVersion(left);
                server.tagVersion(deployment.model(), leftVersion, "rolled_back_at", at);
                server.tagVersion(deployment.model(), leftVersion, "rollback_reason", clipped(deployment.reason(),
                        MAX_TAG_CHARS));
            }
        }
        // The alias follows the pointer as it is now: an older change, pushed late, only leaves its tags.
        Optional<Deployment> current = registry.deployment(deployment.model());
        if (current.isPresent() && current.get().epoch() == deployment.epoch()) {
            server.setAlias(deployment.model(), ALIAS, mlflowVersion);
            MirrorStatus state = states.getOrDefault(deployment.model(), MirrorStatus.fresh(deployment.model()));
            states.set(deployment.model(), state.champion(mlflowVersion, deployment.epoch()));
        }
    }

    /** The MLflow version of a Hatchery version, created with its run and artifacts if MLflow has none yet. */
    String mlflowVersion(ModelVersion version) {
        String key = version.model() + "|mlflow-version|" + version.version();
        String known = ids.get(key);
        if (known != null) {
            return known;
        }
        RunRef run = run(version.model(), version.runId(), version.createdAtMillis());
        String directory = artifactDir(version.version());
        byte[] bytes = registry.artifact(version.model(), version.version()).orElseThrow(() -> new IllegalStateException(
                "the artifact of " + version.key() + " is missing from the registry"));
        server.putArtifact(run.artifactUri(), directory + "/model.bin", bytes);
        server.putArtifact(run.artifactUri(), directory + "/model_card.json", card(version, Optional.empty()));
        server.ensureRegisteredModel(version.model(), "Hatchery model '" + version.model()
                + "', mirrored from Hatchery's registry; the alias champion is the version serving");
        String mlflowVersion = null;
        for (JsonNode existing : server.versions(version.model())) {
            for (JsonNode tag : existing.path("tags")) {
                if (VERSION_TAG.equals(tag.path("key").asText())
                        && Integer.toString(version.version()).equals(tag.path("value").asText())) {
                    mlflowVersion = existing.path("version").asText();
                }
            }
        }
        if (mlflowVersion == null) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(VERSION_TAG, Integer.toString(version.version()));
            tags.put(RUN_ID_TAG, version.runId());
            tags.put("hatchery.sha256", version.sha256());
            tags.put("hatchery.algorithm", version.method());
            mlflowVersion = server.createVersion(version.model(), run.artifactUri() + "/" + directory, run.id(),
                    version.key() + ", " + version.trainingRows() + " training rows, holdout accuracy "
                            + version.holdoutAccuracy(), tags).path("version").asText();
        }
        ids.set(key, mlflowVersion);
        return mlflowVersion;
    }

    /** The MLflow run of a Hatchery run, found by its tag or created. */
    RunRef run(String model, String runId, long startedAtMillis) {
        String key = model + "|mlflow-run|" + runId;
        String known = ids.get(key);
        if (known != null) {
            int space = known.indexOf(' ');
            return new RunRef(known.substring(0, space), known.substring(space + 1));
        }
        String experiment = experimentIds.computeIfAbsent(settings.experiment(model), server::experimentId);
        JsonNode info = server.runTagged(experiment, RUN_ID_TAG, runId)
                .orElseGet(() -> server.createRun(experiment, runId, startedAtMillis,
                        Map.of(RUN_ID_TAG, runId, "hatchery.model", model))).path("info");
        RunRef ref = new RunRef(info.path("run_id").asText(), info.path("artifact_uri").asText());
        ids.set(key, ref.id() + " " + ref.artifactUri());
        return ref;
    }

    /** MLflow 2.x refuses longer values (500 characters for params before 2.1, 6,000 after; 5,000 for tags). */
    private static String clipped(String value, int maxChars) {
        return value.length() <= maxChars ? value : value.substring(0, maxChars - 1) + "…";
    }

    static String artifactDir(int version) {
        return "v" + version;
    }

    /** The model card: what the model expects and answers, how good it was and on which data, its checksum. */
    private byte[] card(ModelVersion version, Optional<MirroredRun> run) {
        ObjectNode card = server.object();
        card.put("model", version.model()).put("version", version.version()).put("algorithm", version.method())
                .put("sha256", version.sha256()).put("size_bytes", version.sizeBytes())
                .put("created_at", Instant.ofEpochMilli(version.createdAtMillis()).toString())
                .put("run_id", version.runId());
        version.features().forEach(card.putArray("features")::add);
        version.classes().forEach(card.putArray("classes")::add);
        ObjectNode metrics = card.putObject("metrics");
        metrics.put("holdout_accuracy", version.holdoutAccuracy()).put("training_rows", version.trainingRows());
        ObjectNode window = card.putObject("data_window");
        run.ifPresent(done -> {
            Map<String, Double> scores = new HashMap<>(done.metrics());
            scores.values().removeIf(value -> value.isNaN() || value.isInfinite());
            scores.forEach(metrics::put);
            done.params().forEach((key, value) -> {
                if (key.startsWith("window") || key.endsWith("rows") || key.equals("data_sha256")) {
                    window.put(key, value);
                }
            });
        });
        return card.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }
}

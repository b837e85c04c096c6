package dev.hatchery.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MLflow tracking server as Hatchery calls it: the few REST endpoints of MLflow 2.x the
 * mirror needs, over {@code java.net.http}.
 *
 * <p>Why not {@code org.mlflow:mlflow-client}: it has no calls for registered-model and
 * model-version creation or aliases (they would go through its raw {@code sendPost} anyway), no
 * DELETE, and its {@code logArtifact} runs a Python CLI. One plain HTTP client gives one place
 * for authentication, timeouts and error handling, and no shaded jar on every member (2.17.2's
 * is 8.6 MB, 4,931 files, and pulls slf4j-api 1.7).
 */
final class MlflowServer {

    static final String API = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final String ARTIFACT_SCHEME = "mlflow-artifacts:/";

    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    MlflowServer(MlflowSettings settings) {
        this.base = settings.trackingUri();
        this.timeout = Duration.ofMillis(settings.requestTimeoutMillis());
        this.authorization = !settings.token().isEmpty() ? Optional.of("Bearer " + settings.token())
                : !settings.username().isEmpty() ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    // ---- experiments and runs ------------------------------------------------------------

    /** The id of the named experiment, created if it does not exist yet. */
    String experimentId(String name) {
        Optional<JsonNode> found = getOrMissing("experiments/get-by-name", Map.of("experiment_name", name));
        if (found.isPresent()) {
            return found.get().path("experiment").path("experiment_id").asText();
        }
        try {
            return post("experiments/create", object().put("name", name)).path("experiment_id").asText();
        } catch (MlflowException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
            // Another member (or an operator) created it meanwhile.
            return get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment").path(
                    "experiment_id").asText();
        }
    }

    /** The run of the experiment tagged {@code key=value}, if there is one: how a retry finds what it made before. */
    Optional<JsonNode> runTagged(String experimentId, String key, String value) {
        ObjectNode search = object().put("filter", "tags.`" + key + "` = '" + value.replace("'", "\\'") + "'")
                .put("max_results", 1);
        search.putArray("experiment_ids").add(experimentId);
        JsonNode runs = post("runs/search", search).path("runs");
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    JsonNode createRun(String experimentId, String runName, long startTimeMillis, Map<String, String> tags) {
        ObjectNode create = object().put("experiment_id", experimentId).put("run_name", runName)
                .put("start_time", startTimeMillis);
        create.set("tags", keyValues(tags));
        return post("runs/create", create).path("run");
    }

    JsonNode run(String runId) {
        return get("runs/get", Map.of("run_id", runId)).path("run");
    }

    void logBatch(String runId, Map<String, String> params, Map<String, Double> metrics, long timestampMillis,
            Map<String, String> tags) {
        ObjectNode batch = object().put("run_id", runId);
        batch.set("params", keyValues(params));
        ArrayNode metricArray = batch.putArray("metrics");
        metrics.forEach((key, value) -> metricArray.addObject().put("key", key).put("value", value)
                .put("timestamp", timestampMillis).put("step", 0));
        batch.set("tags", keyValues(tags));
        post("runs/log-batch", batch);
    }

    void endRun(String runId, String status, long endTimeMillis) {
        post("runs/update", object().put("run_id", runId).put("status", status).put("end_time", endTimeMillis));
    }

    /**
     * Uploads bytes beside a run through the artifact proxy: {@code PUT} of the raw bytes to the
     * run's {@code mlflow-artifacts:/} location, which needs no Python.
     */
    void putArtifact(String artifactUri, String path, byte[] bytes) {
        String url = base + ARTIFACTS + artifactPath(artifactUri) + "/" + path;
        send("PUT " + path, HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream"));
    }

    byte[] artifact(String artifactUri, String path) {
        String url = base + ARTIFACTS + artifactPath(artifactUri) + "/" + path;
        return send("GET " + path, HttpRequest.newBuilder(URI.create(url)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String artifactPath(String artifactUri) {
        if (!artifactUri.startsWith(ARTIFACT_SCHEME)) {
            throw new MlflowException("artifact upload", 0, "", "the run's artifact_uri is '" + artifactUri
                    + "', not an mlflow-artifacts:/ URI: start the tracking server with --serve-artifacts");
        }
        return artifactUri.substring(ARTIFACT_SCHEME.length());
    }

    // ---- the model registry --------------------------------------------------------------

    void ensureRegisteredModel(String name, String description) {
        if (getOrMissing("registered-models/get", Map.of("name", name)).isPresent()) {
            return;
        }
        try {
            post("registered-models/create", object().put("name", name).put("description", description));
        } catch (MlflowException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    /** Every version of a registered model, with its tags. */
    JsonNode versions(String name) {
        return get("model-versions/search", Map.of("filter", "name='" + name.replace("'", "\\'") + "'",
                "max_results", "10000")).path("model_versions");
    }

    JsonNode createVersion(String name, String source, String runId, String description, Map<String, String> tags) {
        ObjectNode create = object().put("name", name).put("source", source).put("run_id", runId)
                .put("description", description);
        create.set("tags", keyValues(tags));
        return post("model-versions/create", create).path("model_version");
    }

    void tagModel(String name, String key, String value) {
        post("registered-models/set-tag", object().put("name", name).put("key", key).put("value", value));
    }

    void tagVersion(String name, String version, String key, String value) {
        post("model-versions/set-tag", object().put("name", name).put("version", version).put("key", key)
                .put("value", value));
    }

    void setAlias(String name, String alias, String version) {
        // The version goes as a string: the server refuses a number.
        post("registered-models/alias", object().put("name", name).put("alias", alias).put("version", version));
    }

    /** The version an alias points to, or empty if the alias (or the model) does not exist. */
    Optional<JsonNode> alias(String name, String alias) {
        try {
            return getOrMissing("registered-models/alias", Map.of("name", name, "alias", alias))
                    .map(answer -> answer.path("model_version"));
        } catch (MlflowException e) {
            // A missing alias is 400 INVALID_PARAMETER_VALUE, not 404.
            if (e.status() == 400 && "INVALID_PARAMETER_VALUE".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------

    private JsonNode post(String endpoint, ObjectNode body) {
        return parse(send("POST " + endpoint, HttpRequest.newBuilder(URI.create(base + API + endpoint))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json"), HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode get(String endpoint, Map<String, String> query) {
        String url = base + API + endpoint + "?" + new LinkedHashMap<>(query).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return parse(send("GET " + endpoint, HttpRequest.newBuilder(URI.create(url)).GET(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private Optional<JsonNode> getOrMissing(String endpoint, Map<String, String> query) {
        try {
            return Optional.of(get(endpoint, query));
        } catch (MlflowException e) {
            if (e.status() == 404 && "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void send(String request, HttpRequest.Builder builder) {
        send(request, builder, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> T send(String request, HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        builder.timeout(timeout);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        HttpResponse<T> response;
        try {
            response = http.send(builder.build(), body);
        } catch (IOException e) {
            throw new MlflowException(request, 0, "", "no answer from " + base + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException(request, 0, "", "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(response.body());
            String code = "";
            String message = text;
            try {
                JsonNode error = json.readTree(text);
                code = error.path("error_code").asText("");
                message = error.path("message").asText(text);
            } catch (IOException notJson) {
                // A proxy's HTML page, say: keep the text.
            }
            throw new MlflowException(request, response.statusCode(), code, message.length() > 300
                    ? message.substring(0, 300) + "…" : message);
        }
        return response.body();
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? object() : json.readTree(text);
        } catch (IOException e) {
            throw new MlflowException("parse", 0, "", "not JSON: " + text);
        }
    }

    private ArrayNode keyValues(Map<String, String> pairs) {
        ArrayNode array = json.createArrayNode();
        pairs.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        return array;
    }
}

package dev.hatchery.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an MLflow 2.10 tracking server with {@code --serve-artifacts}, on loopback, for
 * tests: exactly the endpoints Hatchery calls, answering with the shapes a real server answers
 * with and refusing what it refuses (POST or DELETE without {@code Content-Type:
 * application/json}, a param value or an alias version sent as a number, a metric without its
 * timestamp, a param logged again with another value, a second registered model of one name, a
 * missing alias as 400 and a missing model or version as 404, a DELETE of an alias without a JSON
 * body). Written from a recorded exchange with a real server; it reads nothing at run time.
 *
 * <p>{@link #unavailable} makes it answer 503 to everything, as a server behind a proxy while it
 * restarts; the accessors read its state directly, as MLflow's UI would show it.
 */
public final class MlflowStub implements AutoCloseable {

    public record StubRun(String runId, String experimentId, String name, String status, long startTime, long endTime,
            String artifactUri, Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    }

    public record StubVersion(String name, String version, String source, String runId, Map<String, String> tags) {
    }

    private static final Pattern TAG_FILTER = Pattern.compile("tags\\.`?([^`=\\s]+)`?\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern NAME_FILTER = Pattern.compile("name\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, String> experiments = new LinkedHashMap<>();
    private final Map<String, MutableRun> runs = new LinkedHashMap<>();
    private final Map<String, byte[]> artifacts = new HashMap<>();
    private final Map<String, MutableModel> models = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private volatile boolean unavailable;
    private volatile String requiredAuthorization = "";
    private long clock = 1_795_343_945_000L;

    private static final class MutableRun {
        String id;
        String experimentId;
        String name;
        String status = "RUNNING";
        long startTime;
        long endTime;
        String artifactUri;
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final List<ObjectNode> metricHistory = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    private static final class MutableModel {
        String name;
        String description = "";
        long created;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, String> aliases = new LinkedHashMap<>();
        final List<MutableVersion> versions = new ArrayList<>();
    }

    private static final class MutableVersion {
        String version;
        String source;
        String runId;
        String description = "";
        long created;
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    /** A refusal, answered with MLflow's error body. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private MlflowStub(HttpServer server) {
        this.server = server;
    }

    public static MlflowStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            MlflowStub stub = new MlflowStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the MLflow stub on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers 503 to every request while true: MLflow down. */
    public void unavailable(boolean down) {
        this.unavailable = down;
    }

    /** Refuses with 401 every request whose {@code Authorization} header is not this ("" : any). */
    public void requireAuthorization(String header) {
        this.requiredAuthorization = header;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- what MLflow's UI would show -----------------------------------------------------

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized Optional<String> experimentId(String name) {
        return Optional.ofNullable(experiments.get(name));
    }

    /** The runs of an experiment, oldest first. */
    public synchronized List<StubRun> runs(String experimentName) {
        String id = experiments.get(experimentName);
        return runs.values().stream().filter(run -> run.experimentId.equals(id)).map(MlflowStub::snapshot).toList();
    }

    public synchronized List<StubVersion> versions(String model) {
        MutableModel found = models.get(model);
        return found == null ? List.of() : found.versions.stream().map(v -> new StubVersion(model, v.version, v.source,
                v.runId, Map.copyOf(v.tags))).toList();
    }

    /** The registered model's own tags (not its versions'); empty if there is no such model. */
    public synchronized Map<String, String> modelTags(String model) {
        MutableModel found = models.get(model);
        return found == null ? Map.of() : Map.copyOf(found.tags);
    }

    public synchronized Optional<String> alias(String model, String alias) {
        MutableModel found = models.get(model);
        return found == null ? Optional.empty() : Optional.ofNullable(found.aliases.get(alias));
    }

    /** Moves an alias as an operator would in MLflow's UI. */
    public synchronized void moveAlias(String model, String alias, String version) {
        MutableModel found = Optional.ofNullable(models.get(model)).orElseThrow();
        found.aliases.put(alias, version);
    }

    /** Deletes a registered model with its versions, as an operator might in MLflow's UI. */
    public synchronized void deleteRegisteredModel(String model) {
        models.remove(model);
    }

    /** Registers a version of the stub's own, as someone using MLflow without Hatchery would. */
    public synchronized String addForeignVersion(String model, String source) {
        MutableModel found = Optional.ofNullable(models.get(model)).orElseThrow();
        MutableVersion version = new MutableVersion();
        version.version = Integer.toString(found.versions.size() + 1);
        version.source = source;
        version.runId = "";
        version.created = ++clock;
        found.versions.add(version);
        return version.version;
    }

    private static StubRun snapshot(MutableRun run) {
        return new StubRun(run.id, run.experimentId, run.name, run.status, run.startTime, run.endTime,
                run.artifactUri, Map.copyOf(run.params), Map.copyOf(run.metrics), Map.copyOf(run.tags));
    }

    // ---- HTTP ----------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (unavailable) {
                send(exchange, 503, "text/html", "<html><body>503 Service Unavailable</body></html>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!requiredAuthorization.isEmpty() && !requiredAuthorization.equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "text/plain", "You are not authenticated.".getBytes(StandardCharsets.UTF_8));
                return;
            }
            synchronized (this) {
                requests.add(method + " " + path);
            }
            try {
                if (path.startsWith(MlflowServer.ARTIFACTS)) {
                    artifact(exchange, method, URLDecoder.decode(path.substring(MlflowServer.ARTIFACTS.length()),
                            StandardCharsets.UTF_8), body);
                    return;
                }
                if (!path.startsWith(MlflowServer.API)) {
                    throw new Refused(404, "ENDPOINT_NOT_FOUND", "no endpoint " + path);
                }
                String endpoint = path.substring(MlflowServer.API.length());
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                JsonNode request = json.createObjectNode();
                if (method.equals("POST") || method.equals("DELETE")) {
                    String type = exchange.getRequestHeaders().getFirst("Content-Type");
                    if (type == null || !type.startsWith("application/json")) {
                        throw new Refused(400, "BAD_REQUEST", "Bad Request. Content-Type must be application/json");
                    }
                    request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
                }
                JsonNode answer;
                synchronized (this) {
                    answer = route(method + " " + endpoint, request, query);
                }
                send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
            } catch (Refused refused) {
                ObjectNode error = json.createObjectNode().put("error_code", refused.code)
                        .put("message", refused.getMessage());
                send(exchange, refused.status, "application/json", json.writeValueAsBytes(error));
            }
        }
    }

    private void artifact(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        switch (method) {
            case "PUT" -> {
                synchronized (this) {
                    artifacts.put(path, body);
                }
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
            case "GET" -> {
                byte[] bytes;
                synchronized (this) {
                    bytes = artifacts.get(path);
                }
                if (bytes == null) {
                    throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", "File not found: " + path);
                }
                send(exchange, 200, "application/octet-stream", bytes);
            }
            default -> throw new Refused(405, "BAD_REQUEST", "Method Not Allowed");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    // ---- the endpoints -------------------------------------------------------------------

    private JsonNode route(String call, JsonNode request, Map<String, String> query) {
        return switch (call) {
            case "POST experiments/create" -> createExperiment(request);
            case "GET experiments/get-by-name" -> experimentByName(required(query, "experiment_name"));
            case "POST runs/create" -> createRun(request);
            case "GET runs/get" -> json.createObjectNode().set("run", runJson(run(required(query, "run_id"))));
            case "POST runs/search" -> searchRuns(request);
            case "POST runs/log-parameter" -> logParam(run(string(request, "run_id")), request);
            case "POST runs/log-metric" -> logMetric(run(string(request, "run_id")), request);
            case "POST runs/set-tag" -> setTag(run(string(request, "run_id")), request);
            case "POST runs/log-batch" -> logBatch(request);
            case "POST runs/update" -> updateRun(request);
            case "POST registered-models/create" -> createModel(request);
            case "GET registered-models/get" -> json.createObjectNode().set("registered_model",
                    modelJson(model(required(query, "name"))));
            case "GET model-versions/search" -> searchVersions(query);
            case "POST model-versions/create" -> createVersion(request);
            case "GET model-versions/get" -> json.createObjectNode().set("model_version", versionJson(
                    model(required(query, "name")), version(model(required(query, "name")), required(query, "version")),
                    false));
            case "POST model-versions/set-tag" -> setVersionTag(request);
            case "POST registered-models/set-tag" -> setModelTag(request);
            case "POST registered-models/alias" -> setAlias(request);
            case "GET registered-models/alias" -> getAlias(query);
            case "DELETE registered-models/alias" -> deleteAlias(request);
            default -> throw new Refused(404, "ENDPOINT_NOT_FOUND", "no endpoint " + call);
        };
    }

    private JsonNode createExperiment(JsonNode request) {
        String name = string(request, "name");
        if (experiments.containsKey(name)) {
            throw new Refused(400, "RESOURCE_ALREADY_EXISTS", "Experiment(name=" + name + ") already exists.");
        }
        String id = Integer.toString(experiments.size() + 1);
        experiments.put(name, id);
        return json.createObjectNode().put("experiment_id", id);
    }

    private JsonNode experimentByName(String name) {
        String id = experiments.get(name);
        if (id == null) {
            throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
        }
        ObjectNode experiment = json.createObjectNode().put("experiment_id", id).put("name", name)
                .put("artifact_location", "mlflow-artifacts:/" + id).put("lifecycle_stage", "active");
        return json.createObjectNode().set("experiment", experiment);
    }

    private JsonNode createRun(JsonNode request) {
        String experimentId = string(request, "experiment_id");
        if (!experiments.containsValue(experimentId)) {
            throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + experimentId + " exists");
        }
        MutableRun run = new MutableRun();
        run.id = UUID.randomUUID().toString().replace("-", "");
        run.experimentId = experimentId;
        run.name = request.path("run_name").asText("run-" + run.id.substring(0, 6));
        run.startTime = request.has("start_time") ? integral(request, "start_time") : ++clock;
        run.artifactUri = "mlflow-artifacts:/" + experimentId + "/" + run.id + "/artifacts";
        for (JsonNode tag : request.path("tags")) {
            run.tags.put(string(tag, "key"), string(tag, "value"));
        }
        run.tags.put("mlflow.runName", run.name);
        runs.put(run.id, run);
        return json.createObjectNode().set("run", runJson(run));
    }

    private JsonNode searchRuns(JsonNode request) {
        String filter = request.path("filter").asText("").strip();
        Matcher tag = TAG_FILTER.matcher(filter);
        if (!filter.isEmpty() && !tag.matches()) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "the stub searches runs by one tag only, not '" + filter
                    + "'");
        }
        List<String> experimentIds = new ArrayList<>();
        request.path("experiment_ids").forEach(id -> experimentIds.add(id.asText()));
        ArrayNode found = json.createArrayNode();
        for (MutableRun run : runs.values()) {
            boolean matches = experimentIds.contains(run.experimentId) && (filter.isEmpty()
                    || tag.group(2).replace("\\'", "'").equals(run.tags.get(tag.group(1))));
            if (matches) {
                found.add(runJson(run));
            }
        }
        ObjectNode answer = json.createObjectNode();
        if (!found.isEmpty()) {
            answer.set("runs", found);
        }
        return answer;
    }

    private JsonNode logParam(MutableRun run, JsonNode param) {
        String key = string(param, "key");
        String value = string(param, "value");
        String before = run.params.get(key);
        if (before != null && !before.equals(value)) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed. Param with key='"
                    + key + "' was already logged with value='" + before + "' for run ID='" + run.id
                    + "'. Attempted logging new value '" + value + "'.");
        }
        run.params.put(key, value);
        return json.createObjectNode();
    }

    private JsonNode logMetric(MutableRun run, JsonNode metric) {
        String key = string(metric, "key");
        if (!metric.path("value").isNumber()) {
            throw invalid(metric, "value");
        }
        long timestamp = integral(metric, "timestamp");
        ObjectNode point = json.createObjectNode().put("key", key).put("value", metric.path("value").asDouble())
                .put("timestamp", timestamp).put("step", metric.path("step").asLong(0));
        run.metricHistory.add(point);
        run.metrics.put(key, metric.path("value").asDouble());
        return json.createObjectNode();
    }

    private JsonNode setTag(MutableRun run, JsonNode tag) {
        run.tags.put(string(tag, "key"), string(tag, "value"));
        return json.createObjectNode();
    }

    private JsonNode logBatch(JsonNode request) {
        MutableRun run = run(string(request, "run_id"));
        // The real server checks the whole batch before writing any of it.
        for (JsonNode param : request.path("params")) {
            string(param, "key");
            string(param, "value");
            String before = run.params.get(param.path("key").asText());
            if (before != null && !before.equals(param.path("value").asText())) {
                logParam(run, param);
            }
        }
        for (JsonNode metric : request.path("metrics")) {
            string(metric, "key");
            if (!metric.path("value").isNumber()) {
                throw invalid(metric, "value");
            }
            integral(metric, "timestamp");
        }
        for (JsonNode tag : request.path("tags")) {
            string(tag, "key");
            string(tag, "value");
        }
        request.path("params").forEach(param -> logParam(run, param));
        request.path("metrics").forEach(metric -> logMetric(run, metric));
        request.path("tags").forEach(tag -> setTag(run, tag));
        return json.createObjectNode();
    }

    private JsonNode updateRun(JsonNode request) {
        MutableRun run = run(string(request, "run_id"));
        if (request.has("status")) {
            String status = string(request, "status");
            if (!List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED").contains(status)) {
                throw new Refused(400, "INVALID_PARAMETER_VALUE", "Invalid value " + status + " for parameter 'status'");
            }
            run.status = status;
        }
        if (request.has("end_time")) {
            run.endTime = integral(request, "end_time");
        }
        return json.createObjectNode().set("run_info", runJson(run).get("info"));
    }

    private JsonNode createModel(JsonNode request) {
        String name = string(request, "name");
        if (models.containsKey(name)) {
            throw new Refused(400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists.");
        }
        MutableModel model = new MutableModel();
        model.name = name;
        model.description = request.path("description").asText("");
        model.created = ++clock;
        for (JsonNode tag : request.path("tags")) {
            model.tags.put(string(tag, "key"), string(tag, "value"));
        }
        models.put(name, model);
        ObjectNode answer = modelJson(model);
        answer.remove("aliases");
        return json.createObjectNode().set("registered_model", answer);
    }

    private JsonNode searchVersions(Map<String, String> query) {
        String filter = query.getOrDefault("filter", "");
        Matcher name = NAME_FILTER.matcher(filter.strip());
        if (!name.matches()) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "the stub searches versions by name only, not '" + filter
                    + "'");
        }
        ArrayNode found = json.createArrayNode();
        MutableModel model = models.get(name.group(1).replace("\\'", "'"));
        if (model != null) {
            // Newest first, and without aliases, as the real server answers.
            model.versions.reversed().forEach(version -> found.add(versionJson(model, version, false)));
        }
        ObjectNode answer = json.createObjectNode();
        if (!found.isEmpty()) {
            answer.set("model_versions", found);
        }
        return answer;
    }

    private JsonNode createVersion(JsonNode request) {
        MutableModel model = model(string(request, "name"));
        String source = string(request, "source");
        if (!source.startsWith("runs:/") && !source.startsWith("mlflow-artifacts:/")) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "Invalid model version source: '" + source
                    + "'. To use a local path as a model version source, the run_id request parameter has to be"
                    + " specified and the local path has to be contained within the artifact directory of the run.");
        }
        String runId = request.path("run_id").asText("");
        if (!runId.isEmpty()) {
            run(runId);
        }
        MutableVersion version = new MutableVersion();
        version.version = Integer.toString(model.versions.size() + 1);
        version.source = source;
        version.runId = runId;
        version.description = request.path("description").asText("");
        version.created = ++clock;
        for (JsonNode tag : request.path("tags")) {
            version.tags.put(string(tag, "key"), string(tag, "value"));
        }
        model.versions.add(version);
        return json.createObjectNode().set("model_version", versionJson(model, version, false));
    }

    private JsonNode setModelTag(JsonNode request) {
        MutableModel model = model(string(request, "name"));
        model.tags.put(string(request, "key"), string(request, "value"));
        return json.createObjectNode();
    }

    private JsonNode setVersionTag(JsonNode request) {
        MutableModel model = model(string(request, "name"));
        MutableVersion version = version(model, string(request, "version"));
        version.tags.put(string(request, "key"), string(request, "value"));
        return json.createObjectNode();
    }

    private JsonNode setAlias(JsonNode request) {
        MutableModel model = model(string(request, "name"));
        String alias = string(request, "alias");
        MutableVersion version = version(model, string(request, "version"));
        model.aliases.put(alias, version.version);
        return json.createObjectNode();
    }

    private JsonNode getAlias(Map<String, String> query) {
        MutableModel model = model(required(query, "name"));
        String alias = required(query, "alias");
        String version = model.aliases.get(alias);
        if (version == null) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "Registered model alias " + alias + " not found.");
        }
        return json.createObjectNode().set("model_version", versionJson(model, version(model, version), true));
    }

    private JsonNode deleteAlias(JsonNode request) {
        MutableModel model = model(string(request, "name"));
        model.aliases.remove(string(request, "alias"));
        return json.createObjectNode();
    }

    // ---- lookups and checks, with the real server's answers ---------------------------

    private MutableRun run(String id) {
        MutableRun run = runs.get(id);
        if (run == null) {
            throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", "Run '" + id + "' not found");
        }
        return run;
    }

    private MutableModel model(String name) {
        MutableModel model = models.get(name);
        if (model == null) {
            throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=" + name + " not found");
        }
        return model;
    }

    private static MutableVersion version(MutableModel model, String number) {
        return model.versions.stream().filter(v -> v.version.equals(number)).findFirst().orElseThrow(
                () -> new Refused(404, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=" + model.name + ", version="
                        + number + ") not found"));
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** A string field: missing is refused, and so is a number where a string belongs. */
    private static String string(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (!value.isTextual()) {
            throw invalid(request, field);
        }
        return value.asText();
    }

    private static long integral(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (!value.isIntegralNumber()) {
            throw invalid(request, field);
        }
        return value.asLong();
    }

    private static Refused missing(String field) {
        return new Refused(400, "INVALID_PARAMETER_VALUE", "Missing value for required parameter '" + field
                + "'. See the API docs for more information about request parameters.");
    }

    private static Refused invalid(JsonNode request, String field) {
        return new Refused(400, "INVALID_PARAMETER_VALUE", "Invalid value " + request.get(field) + " for parameter '"
                + field + "' supplied. Hint: Value was of type '" + request.get(field).getNodeType().name()
                .toLowerCase() + "'. See the API docs for more information about request parameters.");
    }

    // ---- answers -----------------------------------------------------------------------

    private ObjectNode runJson(MutableRun run) {
        ObjectNode node = json.createObjectNode();
        ObjectNode info = node.putObject("info").put("run_uuid", run.id).put("experiment_id", run.experimentId)
                .put("run_name", run.name).put("user_id", "").put("status", run.status)
                .put("start_time", run.startTime);
        if (run.endTime > 0) {
            info.put("end_time", run.endTime);
        }
        info.put("artifact_uri", run.artifactUri).put("lifecycle_stage", "active").put("run_id", run.id);
        ObjectNode data = node.putObject("data");
        if (!run.metrics.isEmpty()) {
            ArrayNode metrics = data.putArray("metrics");
            // The latest point of each metric, as runs/get answers.
            Map<String, ObjectNode> latest = new LinkedHashMap<>();
            run.metricHistory.forEach(point -> latest.put(point.path("key").asText(), point));
            latest.values().forEach(metrics::add);
        }
        if (!run.params.isEmpty()) {
            ArrayNode params = data.putArray("params");
            run.params.forEach((key, value) -> params.addObject().put("key", key).put("value", value));
        }
        if (!run.tags.isEmpty()) {
            ArrayNode tags = data.putArray("tags");
            run.tags.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        }
        node.putObject("inputs");
        return node;
    }

    private ObjectNode modelJson(MutableModel model) {
        ObjectNode node = json.createObjectNode().put("name", model.name).put("creation_timestamp", model.created)
                .put("last_updated_timestamp", model.created).put("description", model.description);
        if (!model.versions.isEmpty()) {
            ArrayNode latest = node.putArray("latest_versions");
            latest.add(versionJson(model, model.versions.getLast(), false));
        }
        if (!model.tags.isEmpty()) {
            ArrayNode tags = node.putArray("tags");
            model.tags.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        }
        if (!model.aliases.isEmpty()) {
            ArrayNode aliases = node.putArray("aliases");
            model.aliases.forEach((alias, version) -> aliases.addObject().put("alias", alias).put("version", version));
        }
        return node;
    }

    private ObjectNode versionJson(MutableModel model, MutableVersion version, boolean withAliases) {
        ObjectNode node = json.createObjectNode().put("name", model.name).put("version", version.version)
                .put("creation_timestamp", version.created).put("last_updated_timestamp", version.created)
                .put("current_stage", "None").put("description", version.description).put("source", version.source)
                .put("run_id", version.runId).put("status", "READY");
        if (!version.tags.isEmpty()) {
            ArrayNode tags = node.putArray("tags");
            version.tags.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        }
        node.put("run_link", "");
        if (withAliases) {
            ArrayNode aliases = node.putArray("aliases");
            model.aliases.forEach((alias, number) -> {
                if (number.equals(version.version)) {
                    aliases.add(alias);
                }
            });
        }
        return node;
    }
}

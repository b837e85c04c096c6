package dev.hatchery.scorer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EventJournalMapEvent;
import dev.hatchery.scorer.intake.Intake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Events written as JSON into {@code events_json}, the way in for a client that has no Compact
 * serializer or writes with SQL: {@code {"id": …, "model": …, "features": {"name": number, …},
 * "time_millis": integer}}. Features are by name and put in the scoring version's order when it
 * scores the event ({@link EventChecks#inOrderOf}).
 */
final class JsonEvents {

    /** What {@code events_json} holds, for the reason of a value that is something else. */
    static final String EXPECTED = "JSON {\"id\": string, \"model\": string, \"features\": {\"name\": number, …},"
            + " \"time_millis\": integer}: README, 'Feeding Hatchery from any language'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonEvents() {
    }

    /** The event a put into {@code events_json} holds, or why it holds none (the put is then removed). */
    static Intake<Event> read(EventJournalMapEvent<?, ?> put) {
        return switch (Intake.of(put, ScorerMaps.EVENTS_JSON, HazelcastJsonValue.class, EXPECTED)) {
            case Intake.Refused<HazelcastJsonValue> refused -> new Intake.Refused<>(refused.unreadable());
            case Intake.Readable<HazelcastJsonValue> json -> parse(put, json.key(), json.value().toString());
        };
    }

    private static Intake<Event> parse(EventJournalMapEvent<?, ?> put, String key, String text) {
        return switch (parse(text)) {
            case Parsed.Readable readable -> new Intake.Readable<>(key, readable.event());
            case Parsed.Unreadable unreadable -> Intake.refused(put, ScorerMaps.EVENTS_JSON, key, unreadable.model(),
                    unreadable.reason() + "; map '" + ScorerMaps.EVENTS_JSON + "' holds " + EXPECTED, text);
        };
    }

    /** The event a JSON text holds, if it holds one, with its features by name. */
    static Optional<Event> event(String text) {
        return parse(text) instanceof Parsed.Readable readable ? Optional.of(readable.event()) : Optional.empty();
    }

    private sealed interface Parsed {
        record Readable(Event event) implements Parsed {
        }

        record Unreadable(String model, String reason) implements Parsed {
        }
    }

    private static Parsed parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return new Parsed.Unreadable("", "text that is not JSON (" + e.getOriginalMessage() + ")");
        }
        String model = root != null && root.path("model").isTextual() ? root.get("model").asText() : "";
        List<String> problems = new ArrayList<>();
        String id = text(root, "id", problems);
        text(root, "model", problems);
        Map<String, Double> features = features(root, problems);
        JsonNode time = root == null ? null : root.get("time_millis");
        if (time == null || !time.canConvertToLong() || !time.isIntegralNumber()) {
            problems.add("\"time_millis\" is " + (time == null ? "missing" : time.getNodeType().name().toLowerCase()
                    + " " + time) + " (want an integer: epoch milliseconds)");
        }
        if (!problems.isEmpty()) {
            return new Parsed.Unreadable(model, "JSON with " + String.join(", ", problems));
        }
        return new Parsed.Readable(new Event(id, model, null, time.asLong(), features));
    }

    private static @Nullable String text(@Nullable JsonNode root, String field, List<String> problems) {
        JsonNode node = root == null ? null : root.get(field);
        if (node == null || !node.isTextual()) {
            problems.add("\"" + field + "\" is " + (node == null ? "missing" : node.getNodeType().name().toLowerCase()
                    + " " + node) + " (want a string)");
            return null;
        }
        return node.asText();
    }

    private static Map<String, Double> features(@Nullable JsonNode root, List<String> problems) {
        JsonNode node = root == null ? null : root.get("features");
        Map<String, Double> features = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problems.add("\"features\" is " + (node == null ? "missing" : node.getNodeType().name().toLowerCase())
                    + " (want an object of numbers by feature name)");
            return features;
        }
        node.properties().forEach(feature -> {
            if (feature.getValue().isNumber()) {
                features.put(feature.getKey(), feature.getValue().asDouble());
            } else {
                problems.add("feature \"" + feature.getKey() + "\" is " + feature.getValue() + " (want a number)");
            }
        });
        return features;
    }
}

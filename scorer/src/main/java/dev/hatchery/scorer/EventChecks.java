package dev.hatchery.scorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What makes an event unscorable before any model looks at it. */
final class EventChecks {

    private EventChecks() {
    }

    /** The problem with {@code event}, or null if a model may score it. */
    static @Nullable String problem(Event event) {
        if (event.id() == null || event.id().isBlank()) {
            return "event has no id";
        }
        if (event.model() == null || event.model().isBlank()) {
            return "event " + event.id() + " names no model";
        }
        Map<String, Double> byName = event.featuresByName();
        if (byName != null) {
            if (byName.isEmpty()) {
                return "event " + event.id() + " has no features";
            }
            for (Map.Entry<String, Double> feature : byName.entrySet()) {
                if (feature.getValue() == null || !Double.isFinite(feature.getValue())) {
                    return "event " + event.id() + " has a non-finite value " + feature.getValue() + " at feature '"
                            + feature.getKey() + "'";
                }
            }
            return null;
        }
        double[] features = event.features();
        if (features == null || features.length == 0) {
            return "event " + event.id() + " has no features";
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                return "event " + event.id() + " has a non-finite value " + features[i] + " at feature " + i;
            }
        }
        return null;
    }

    /**
     * What keeps an event with features by name from being scored by a version with
     * {@code names}: names it lacks and names the version does not have; null if none.
     */
    static @Nullable String namesMismatch(Event event, List<String> names) {
        Map<String, Double> byName = Objects.requireNonNull(event.featuresByName());
        // Scored for every JSON event: every name there and no more of them means no other.
        int present = 0;
        for (String name : names) {
            if (byName.containsKey(name)) {
                present++;
            }
        }
        if (present == names.size() && byName.size() == names.size()) {
            return null;
        }
        List<String> missing = names.stream().filter(name -> !byName.containsKey(name)).toList();
        Set<String> known = new HashSet<>(names);
        List<String> extra = byName.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        List<String> parts = new ArrayList<>(2);
        if (!missing.isEmpty()) {
            parts.add("lacks the features " + missing);
        }
        if (!extra.isEmpty()) {
            parts.add("has features the model does not know " + extra);
        }
        return "event " + event.id() + " " + String.join(" and ", parts);
    }

    /** The event with its features by name put in the order of {@code names} (all there: {@link #namesMismatch}). */
    static Event inOrderOf(Event event, List<String> names) {
        Map<String, Double> byName = Objects.requireNonNull(event.featuresByName());
        double[] features = new double[names.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = byName.get(names.get(i));
        }
        return new Event(event.id(), event.model(), features, event.timeMillis());
    }

    static String render(Event event) {
        return "Event[id=" + event.id() + ", model=" + event.model() + ", features="
                + (event.featuresByName() != null ? event.featuresByName() : Arrays.toString(event.features()))
                + ", timeMillis=" + event.timeMillis() + "]";
    }
}

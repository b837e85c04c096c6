package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ScorerMaps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows v1 of a {@link ModelDefinition defined model} trains on: its events that have a label,
 * oldest first, up to the window's row limit. Nothing scores a model before its v1, so there are
 * no outcomes yet: the rows are the events and labels themselves, joined here by event id. Rows
 * whose features do not fit the definition, or whose label is not one of its classes, are left out.
 */
final class FirstWindow {

    /** The rows, and the events they came from, in the same order. */
    record Rows(TrainingData data, List<String> eventIds) {

        Rows {
            eventIds = List.copyOf(eventIds);
        }
    }

    private FirstWindow() {
    }

    /** The rows, once at least {@code window.minRows()} usable ones are there. */
    static Optional<Rows> of(HazelcastInstance hazelcast, ModelDefinition definition, TrainingWindow window) {
        Collection<Label> labels = FeedbackMaps.labels(hazelcast).values(Predicates.equal("model", definition.model()));
        if (labels.size() < window.minRows()) {
            return Optional.empty();
        }
        Map<String, Label> byEvent = new HashMap<>();
        labels.forEach(label -> byEvent.put(label.eventId(), label));
        Map<String, Event> events = ScorerMaps.events(hazelcast, byEvent.keySet(), definition.features());
        List<Event> usable = new ArrayList<>();
        for (Event event : events.values()) {
            double[] features = event.features();
            if (event.id() != null && definition.model().equals(event.model()) && features != null
                    && features.length == definition.features().size()
                    && Arrays.stream(features).allMatch(Double::isFinite)
                    && definition.classes().contains(byEvent.get(event.id()).label())) {
                usable.add(event);
            }
        }
        if (usable.size() < window.minRows()) {
            return Optional.empty();
        }
        usable.sort(Comparator.comparingLong(Event::timeMillis).thenComparing(event -> String.valueOf(event.id())));
        List<Event> rows = usable.subList(0, Math.min(usable.size(), window.maxRows()));
        double[][] x = new double[rows.size()][];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i).features();
            y[i] = definition.classes().indexOf(byEvent.get(rows.get(i).id()).label());
        }
        return Optional.of(new Rows(new TrainingData(definition.features(), definition.classes(), x, y),
                rows.stream().map(Event::id).toList()));
    }
}

package dev.hatchery.trainer;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.Outcome;
import java.util.Comparator;
import java.util.List;

/** A model's outcomes from some event time on, oldest first, as training data. */
record OutcomeWindow(List<Outcome> outcomes) {

    private static final Comparator<Outcome> BY_EVENT_TIME =
            Comparator.comparingLong(Outcome::eventTimeMillis).thenComparing(Outcome::eventId);

    /** The most recent {@code maxRows} outcomes of {@code model} with event time ≥ {@code since}. */
    static OutcomeWindow read(IMap<String, Outcome> outcomes, String model, long since, int maxRows) {
        List<Outcome> all = outcomes.values(recent(model, since)).stream().sorted(BY_EVENT_TIME).toList();
        return new OutcomeWindow(all.subList(Math.max(0, all.size() - maxRows), all.size()));
    }

    static long count(IMap<String, Outcome> outcomes, String model, long since) {
        return outcomes.aggregate(com.hazelcast.aggregation.Aggregators.count(), recent(model, since));
    }

    private static Predicate<String, Outcome> recent(String model, long since) {
        return since == Long.MIN_VALUE
                ? Predicates.equal("model", model)
                : Predicates.and(Predicates.equal("model", model), Predicates.greaterEqual("eventTimeMillis", since));
    }

    int size() {
        return outcomes.size();
    }

    long startEventTime() {
        return outcomes.isEmpty() ? Long.MIN_VALUE : outcomes.getFirst().eventTimeMillis();
    }

    long endEventTime() {
        return outcomes.isEmpty() ? Long.MIN_VALUE : outcomes.getLast().eventTimeMillis();
    }

    TrainingData toData(List<String> features, List<String> classes) {
        double[][] x = new double[outcomes.size()][];
        int[] y = new int[outcomes.size()];
        for (int i = 0; i < outcomes.size(); i++) {
            x[i] = outcomes.get(i).features();
            y[i] = outcomes.get(i).trueClass();
        }
        return new TrainingData(features, classes, x, y);
    }
}

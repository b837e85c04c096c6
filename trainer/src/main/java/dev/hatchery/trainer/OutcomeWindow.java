package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.ModelCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A model's outcomes chosen by a {@link TrainingWindow}, oldest first, as training data; a run
 * reorders them to put its holdout last ({@link #holdingOut}).
 */
record OutcomeWindow(List<Outcome> outcomes) {

    private static final Comparator<Outcome> BY_EVENT_TIME =
            Comparator.comparingLong(Outcome::eventTimeMillis).thenComparing(Outcome::eventId);

    /**
     * The outcomes the window strategy selects.
     *
     * @param conceptStart where the current concept began (since-drift windows start there)
     */
    static OutcomeWindow read(ReadOnlyMap<String, Outcome> outcomes, String model, TrainingWindow window, long conceptStart) {
        return switch (window) {
            case TrainingWindow.LastRows rows -> latest(outcomes, model, Long.MIN_VALUE, rows.maxRows());
            case TrainingWindow.LastTime time -> {
                Long newest = outcomes.aggregate(Aggregators.longMax("eventTimeMillis"), since(model, Long.MIN_VALUE));
                yield newest == null ? new OutcomeWindow(List.of())
                        : latest(outcomes, model, newest - time.millis(), time.maxRows());
            }
            case TrainingWindow.SinceDrift drift -> {
                OutcomeWindow sinceDrift = latest(outcomes, model, conceptStart, drift.maxRows());
                yield sinceDrift.size() >= drift.minRows() ? sinceDrift
                        : latest(outcomes, model, Long.MIN_VALUE, drift.minRows());
            }
        };
    }

    /**
     * The most recent {@code maxRows} outcomes with event time ≥ {@code from}. Only they are
     * fetched: counts (which move no rows) find an event time that leaves at least that many.
     */
    static OutcomeWindow latest(ReadOnlyMap<String, Outcome> outcomes, String model, long from, int maxRows) {
        long total = count(outcomes, model, from);
        long lowerBound = from;
        if (total > maxRows) {
            long newest = outcomes.aggregate(Aggregators.longMax("eventTimeMillis"), since(model, from));
            long oldest = outcomes.aggregate(Aggregators.longMin("eventTimeMillis"), since(model, from));
            // Start from the span the rows would need if spread evenly, and double until enough.
            long span = Math.max(1, (long) ((double) (newest - oldest) * maxRows / total));
            lowerBound = newest - span;
            while (lowerBound > oldest && count(outcomes, model, lowerBound) < maxRows) {
                span = span > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : span * 2;
                lowerBound = Math.max(oldest, newest - span);
            }
        }
        List<Outcome> all = outcomes.values(since(model, lowerBound)).stream().sorted(BY_EVENT_TIME).toList();
        return new OutcomeWindow(all.subList(Math.max(0, all.size() - maxRows), all.size()));
    }

    static long count(ReadOnlyMap<String, Outcome> outcomes, String model, long from) {
        return outcomes.aggregate(Aggregators.count(), since(model, from));
    }

    private static Predicate<String, Outcome> since(String model, long from) {
        return from == Long.MIN_VALUE
                ? Predicates.equal("model", model)
                : Predicates.and(Predicates.equal("model", model), Predicates.greaterEqual("eventTimeMillis", from));
    }

    /**
     * The same outcomes with the holdout last: the newest {@code rows} of them that the champion
     * did not train on ({@code championTrainedOn}), so that the gate never grades the champion on
     * its own training rows; every other outcome, oldest first, before them. Fewer are held out
     * if fewer are there (none if the champion trained on all).
     */
    Split holdingOut(int rows, Set<String> championTrainedOn) {
        boolean[] held = new boolean[outcomes.size()];
        int holdoutRows = 0;
        for (int i = outcomes.size() - 1; i >= 0 && holdoutRows < rows; i--) {
            if (!championTrainedOn.contains(outcomes.get(i).eventId())) {
                held[i] = true;
                holdoutRows++;
            }
        }
        List<Outcome> ordered = new ArrayList<>(outcomes.size());
        for (boolean holdout : new boolean[] {false, true}) {
            for (int i = 0; i < outcomes.size(); i++) {
                if (held[i] == holdout) {
                    ordered.add(outcomes.get(i));
                }
            }
        }
        return new Split(new OutcomeWindow(ordered), holdoutRows);
    }

    /** A window ordered for a run: its training rows first, then its {@code holdoutRows}. */
    record Split(OutcomeWindow window, int holdoutRows) {
    }

    int size() {
        return outcomes.size();
    }

    /** The oldest event time in the window (its rows need not be in time order: see {@link #holdingOut}). */
    long startEventTime() {
        return outcomes.stream().mapToLong(Outcome::eventTimeMillis).min().orElse(Long.MIN_VALUE);
    }

    /** The newest event time in the window, holdout included. */
    long endEventTime() {
        return outcomes.stream().mapToLong(Outcome::eventTimeMillis).max().orElse(Long.MIN_VALUE);
    }

    List<String> eventIds() {
        return outcomes.stream().map(Outcome::eventId).toList();
    }

    /** SHA-256 of the event ids in order: two windows with it hold the same rows. */
    String sha256() {
        return ModelCodec.sha256(String.join("\n", eventIds()).getBytes(StandardCharsets.UTF_8));
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

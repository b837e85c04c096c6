package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.drift.DetectorState;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.TrainedModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/** Rows of two simple concepts, and what the feedback job would write about a model's predictions of them. */
final class TrainingFixture {

    static final List<String> FEATURES = List.of("x1", "x2");
    static final List<String> CLASSES = List.of("low", "high");
    static final Predicate<double[]> CONCEPT_A = x -> x[0] > 0.5;
    static final Predicate<double[]> CONCEPT_B = x -> x[0] < 0.5;

    private TrainingFixture() {
    }

    static TrainingData rows(Predicate<double[]> concept, int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = concept.test(x[i]) ? 1 : 0;
        }
        return new TrainingData(FEATURES, CLASSES, x, y);
    }

    /** Outcomes as the feedback job writes them: the version's predictions of the rows, judged; event times from {@code firstEventTime} on. */
    static void outcomes(HazelcastInstance member, String model, TrainingData data, long firstEventTime, int version,
            long epoch) {
        TrainedModel serving = ModelRegistry.on(member).load(model, version);
        Map<String, Outcome> batch = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            int predicted = serving.predict(data.x()[i]).index();
            String id = model + "-" + (firstEventTime + i);
            batch.put(id, new Outcome(id, model, version, epoch, data.x()[i], data.y()[i], CLASSES.get(data.y()[i]),
                    predicted, CLASSES.get(predicted), firstEventTime + i, 0));
        }
        FeedbackMaps.outcomes(member).putAll(batch);
    }

    /** A drift signal about the serving version, as the feedback job raises it, with the drift starting at {@code sinceEventTime}. */
    static void signal(HazelcastInstance member, String model, long sequence, long sinceEventTime) {
        Deployment serving = ModelRegistry.on(member).deployment(model).orElseThrow();
        FeedbackMaps.driftSignals(member).set(model, new DriftSignal(model, serving.version(), serving.epoch(), sequence,
                model + "-x", sinceEventTime + 100, sinceEventTime, 0.5, System.currentTimeMillis(), "DDM", 1_000, 4.2));
    }

    /** The feedback job's health record of a version's epoch, as it stands after {@code outcomes} outcomes. */
    static void health(HazelcastInstance member, String model, int version, long epoch, long outcomes) {
        FeedbackMaps.health(member).set(model, new ModelHealth(model, version, epoch, DetectorState.STABLE, 0.5, 0.5,
                outcomes, model + "-x", System.currentTimeMillis()));
    }
}

package dev.hatchery.scorer;

import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a loaded version must pass before it may serve: it is the model its record describes,
 * it takes the features the events carry, and on warm-up rows (recent real events and a few
 * constant rows) it answers without throwing, with a class it knows and a probability in
 * [0, 1]. Each failure is a reason an operator can act on.
 */
final class ServingChecks {

    private static final double[] CONSTANTS = {0.0, 0.5, 1.0};

    private ServingChecks() {
    }

    /**
     * @param serving the version serving now, whose features define the events' schema; null if none
     * @param recent  feature rows of events scored lately
     * @return the reason {@code model} may not serve, or null if it may
     */
    static @Nullable String problem(ModelVersion record, TrainedModel model, @Nullable LoadedModel serving,
            List<double[]> recent) {
        String name = "model '" + record.model() + "' v" + record.version();
        if (!model.features().equals(record.features()) || !model.classes().equals(record.classes())) {
            return name + " holds a model of features " + model.features() + " and classes " + model.classes()
                    + ", but its record says " + record.features() + " and " + record.classes()
                    + ": register it again";
        }
        if (serving != null && !serving.features().equals(model.features())) {
            return name + " has " + model.features().size() + " features " + model.features() + ", events have "
                    + serving.features().size() + " " + serving.features() + " (as v"
                    + serving.version() + " serves them): retrain on the events' features, or publish another version";
        }
        int width = model.features().size();
        for (double[] row : recent) {
            if (row.length != width) {
                return name + " has " + width + " features " + model.features() + ", recent events have "
                        + row.length + ": retrain on the events' features, or publish another version";
            }
        }
        for (double[] row : warmUpRows(width, recent)) {
            PredictedClass predicted;
            try {
                predicted = model.predict(row);
            } catch (RuntimeException e) {
                return name + " failed on warm-up row " + Arrays.toString(row) + ": " + e;
            }
            if (predicted.index() < 0 || predicted.index() >= model.classes().size()
                    || !(predicted.probability() >= 0.0 && predicted.probability() <= 1.0)) {
                return name + " answered class " + predicted.index() + " with probability " + predicted.probability()
                        + " on warm-up row " + Arrays.toString(row) + ": outside its " + model.classes().size()
                        + " classes or [0, 1]";
            }
        }
        return null;
    }

    private static List<double[]> warmUpRows(int width, List<double[]> recent) {
        List<double[]> rows = new ArrayList<>(recent);
        for (double value : CONSTANTS) {
            double[] row = new double[width];
            Arrays.fill(row, value);
            rows.add(row);
        }
        return rows;
    }
}

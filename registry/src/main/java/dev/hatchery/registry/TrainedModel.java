package dev.hatchery.registry;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * A trained Smile classifier together with the schema it expects: feature names in order and
 * class names by index. Immutable and safe to call from many threads at once.
 *
 * <p>Tree models take a {@link Tuple}; it is built on the model's own schema instance, because
 * Smile caches its formula binding by the identity of that schema.
 */
public final class TrainedModel implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Algorithm algorithm;
    private final String[] features;
    private final String[] classes;
    private final @Nullable Classifier<double[]> vectorModel;
    private final @Nullable DataFrameClassifier tupleModel;
    private transient @Nullable StructType schema;

    private TrainedModel(Algorithm algorithm, String[] features, String[] classes,
            @Nullable Classifier<double[]> vectorModel, @Nullable DataFrameClassifier tupleModel) {
        this.algorithm = algorithm;
        this.features = features;
        this.classes = classes;
        this.vectorModel = vectorModel;
        this.tupleModel = tupleModel;
        this.schema = tupleModel == null ? null : tupleModel.schema();
        validate();
    }

    /** A model that takes feature vectors, e.g. logistic regression. */
    public static TrainedModel of(Algorithm algorithm, List<String> features, List<String> classes,
            Classifier<double[]> model) {
        return new TrainedModel(algorithm, features.toArray(String[]::new), classes.toArray(String[]::new), model, null);
    }

    /** A model that takes tuples, e.g. a random forest or gradient-boosted trees. */
    public static TrainedModel of(Algorithm algorithm, List<String> features, List<String> classes,
            DataFrameClassifier model) {
        return new TrainedModel(algorithm, features.toArray(String[]::new), classes.toArray(String[]::new), null, model);
    }

    private void validate() {
        if (features.length == 0) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        if (classes.length < 2) {
            throw new IllegalArgumentException("a model needs at least two classes, got " + List.of(classes));
        }
        if ((vectorModel == null) == (tupleModel == null)) {
            throw new IllegalArgumentException("a model wraps exactly one Smile classifier");
        }
        if (vectorModel != null && !vectorModel.isSoft() || tupleModel != null && !tupleModel.isSoft()) {
            throw new IllegalArgumentException(algorithm.id() + " does not give class probabilities; Hatchery needs them");
        }
        if (schema != null && schema.length() != features.length) {
            throw new IllegalArgumentException("the Smile model takes " + schema.length() + " features, but "
                    + features.length + " were named: " + List.of(features));
        }
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public List<String> features() {
        return List.of(features);
    }

    public List<String> classes() {
        return List.of(classes);
    }

    /**
     * The most probable class for one row of feature values, in the order of {@link #features()}.
     *
     * @throws IllegalArgumentException if the row has the wrong number of values
     */
    public PredictedClass predict(double[] row) {
        if (row.length != features.length) {
            throw new IllegalArgumentException("model expects " + features.length + " features " + List.of(features)
                    + ", got " + row.length);
        }
        double[] posterior = new double[classes.length];
        int index = tupleModel != null
                ? tupleModel.predict(Tuple.of(schema(), row), posterior)
                : vectorModel.predict(row, posterior);
        return new PredictedClass(index, posterior[index], posterior);
    }

    private StructType schema() {
        StructType shared = schema;
        if (shared == null) {
            // A benign race: every thread computes the same instance from the model.
            shared = tupleModel.schema();
            schema = shared;
        }
        return shared;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            schema = tupleModel == null ? null : tupleModel.schema();
            validate();
        } catch (RuntimeException e) {
            throw new java.io.InvalidObjectException("not a valid model: " + e.getMessage());
        }
    }
}

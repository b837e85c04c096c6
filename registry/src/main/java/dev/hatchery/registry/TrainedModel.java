package dev.hatchery.registry;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.math.MathEx;
import smile.regression.RegressionTree;

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
    /** {@link #features} and {@link #classes} as lists, made once: scoring asks for them on every event. */
    private transient List<String> featureList;
    private transient List<String> classList;
    /** A boosted model's intercept and shrinkage, read once; null until then, or if they cannot be read. */
    private transient @Nullable BoostTerms boostTerms;
    private transient boolean boostTermsRead;

    private TrainedModel(Algorithm algorithm, String[] features, String[] classes,
            @Nullable Classifier<double[]> vectorModel, @Nullable DataFrameClassifier tupleModel) {
        this.algorithm = algorithm;
        this.features = features;
        this.classes = classes;
        this.vectorModel = vectorModel;
        this.tupleModel = tupleModel;
        deriveAndValidate();
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

    /** Sets what is derived from the serialized fields, then checks them. */
    private void deriveAndValidate() {
        schema = tupleModel == null ? null : tupleModel.schema();
        featureList = List.of(features);
        classList = List.of(classes);
        if (features.length == 0) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        if (classes.length < 2) {
            throw new IllegalArgumentException("a model needs at least two classes, got " + classList);
        }
        if ((vectorModel == null) == (tupleModel == null)) {
            throw new IllegalArgumentException("a model wraps exactly one Smile classifier");
        }
        if (vectorModel != null && !vectorModel.isSoft() || tupleModel != null && !tupleModel.isSoft()) {
            throw new IllegalArgumentException(algorithm.id() + " does not give class probabilities; Hatchery needs them");
        }
        if (schema != null && schema.length() != features.length) {
            throw new IllegalArgumentException("the Smile model takes " + schema.length() + " features, but "
                    + features.length + " were named: " + featureList);
        }
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public List<String> features() {
        return featureList;
    }

    public List<String> classes() {
        return classList;
    }

    /**
     * The most probable class for one row of feature values, in the order of {@link #features()}.
     *
     * @throws IllegalArgumentException if the row has the wrong number of values
     */
    public PredictedClass predict(double[] row) {
        checkWidth(row);
        double[] posterior = new double[classes.length];
        int index = tupleModel != null
                ? tupleModel.predict(Tuple.of(schema(), row), posterior)
                : vectorModel.predict(row, posterior);
        return new PredictedClass(index, posterior[index], posterior);
    }

    /**
     * The same as {@link #predict} for each row, in order, and faster for tree ensembles: they
     * are walked one tree at a time over all the rows, so that each tree stays in the CPU's
     * caches, instead of every tree once per row (for 100 boosted trees of depth 10 over 256
     * rows, half the time a row). The sums run in Smile's order, so the results are identical
     * to the last bit.
     *
     * @throws IllegalArgumentException if a row has the wrong number of values
     */
    public PredictedClass[] predictAll(double[][] rows) {
        for (double[] row : rows) {
            checkWidth(row);
        }
        if (tupleModel instanceof GradientTreeBoost boost && boostTerms() instanceof BoostTerms terms) {
            return boosted(boost, terms, predictors(rows));
        }
        if (tupleModel instanceof RandomForest forest) {
            return forest(forest, predictors(rows));
        }
        PredictedClass[] predicted = new PredictedClass[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = predict(rows[i]);
        }
        return predicted;
    }

    private void checkWidth(double[] row) {
        if (row.length != features.length) {
            throw new IllegalArgumentException("model expects " + features.length + " features " + featureList
                    + ", got " + row.length);
        }
    }

    /** Whether {@link #predictAll} walks this model tree by tree (else row by row). */
    boolean predictsTreeByTree() {
        return tupleModel instanceof RandomForest || tupleModel instanceof GradientTreeBoost && boostTerms() != null;
    }

    private Tuple[] predictors(double[][] rows) {
        StructType rowSchema = schema();
        Tuple[] predictors = new Tuple[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predictors[i] = tupleModel.formula().x(Tuple.of(rowSchema, rows[i]));
        }
        return predictors;
    }

    /** As {@link GradientTreeBoost#predict(Tuple, double[])}, tree by tree. */
    private PredictedClass[] boosted(GradientTreeBoost boost, BoostTerms terms, Tuple[] x) {
        RegressionTree[][] trees = boost.trees();
        int[] labels = boost.classes();
        int n = x.length;
        PredictedClass[] predicted = new PredictedClass[n];
        if (trees.length == 1) {
            double[] y = new double[n];
            Arrays.fill(y, terms.intercept());
            for (RegressionTree tree : trees[0]) {
                for (int i = 0; i < n; i++) {
                    y[i] += terms.shrinkage() * tree.predict(x[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                double[] posterior = new double[2];
                posterior[0] = 1.0 / (1.0 + Math.exp(2 * y[i]));
                posterior[1] = 1.0 - posterior[0];
                predicted[i] = predicted(labels[y[i] > 0 ? 1 : 0], posterior);
            }
            return predicted;
        }
        int k = trees.length;
        double[][] posteriors = new double[n][k];
        for (int j = 0; j < k; j++) {
            for (RegressionTree tree : trees[j]) {
                for (int i = 0; i < n; i++) {
                    posteriors[i][j] += terms.shrinkage() * tree.predict(x[i]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double[] posterior = posteriors[i];
            double max = Double.NEGATIVE_INFINITY;
            int best = -1;
            for (int j = 0; j < k; j++) {
                if (posterior[j] > max) {
                    max = posterior[j];
                    best = j;
                }
            }
            double z = 0.0;
            for (int j = 0; j < k; j++) {
                posterior[j] = Math.exp(posterior[j] - max);
                z += posterior[j];
            }
            for (int j = 0; j < k; j++) {
                posterior[j] /= z;
            }
            predicted[i] = predicted(labels[best], posterior);
        }
        return predicted;
    }

    /** As {@link RandomForest#predict(Tuple, double[])}, tree by tree. */
    private PredictedClass[] forest(RandomForest forest, Tuple[] x) {
        int n = x.length;
        int k = classes.length;
        double[][] posteriors = new double[n][k];
        double[] prob = new double[k];
        for (RandomForest.Model member : forest.models()) {
            for (int i = 0; i < n; i++) {
                member.tree().predict(x[i], prob);
                for (int c = 0; c < k; c++) {
                    posteriors[i][c] += member.weight() * prob[c];
                }
            }
        }
        int[] labels = forest.classes();
        PredictedClass[] predicted = new PredictedClass[n];
        for (int i = 0; i < n; i++) {
            MathEx.unitize1(posteriors[i]);
            predicted[i] = predicted(labels[MathEx.whichMax(posteriors[i])], posteriors[i]);
        }
        return predicted;
    }

    private static PredictedClass predicted(int index, double[] posterior) {
        return new PredictedClass(index, posterior[index], posterior);
    }

    /** A boosted model's intercept and shrinkage: Smile keeps them private, and its predict needs them. */
    private record BoostTerms(double intercept, double shrinkage) {
    }

    private @Nullable BoostTerms boostTerms() {
        if (!boostTermsRead) {
            // A benign race, as for the schema. If a Smile version renames the fields, rows are
            // predicted one by one: slower, never different.
            try {
                boostTerms = new BoostTerms(privateDouble(tupleModel, "b"), privateDouble(tupleModel, "shrinkage"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                boostTerms = null;
            }
            boostTermsRead = true;
        }
        return boostTerms;
    }

    private static double privateDouble(Object of, String name) throws ReflectiveOperationException {
        Field field = GradientTreeBoost.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getDouble(of);
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
            deriveAndValidate();
        } catch (RuntimeException e) {
            throw new java.io.InvalidObjectException("not a valid model: " + e.getMessage());
        }
    }
}

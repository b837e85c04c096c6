package dev.hatchery.registry.online;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import smile.classification.LogisticRegression;
import smile.util.IntSet;

/**
 * Smile's logistic regression, one SGD step per outcome ({@code update}: learning rate 0.1,
 * λ = 0 — Smile's usual λ = 0.1 shrinks the weights at every step and cost 6 points on ELEC2),
 * on features standardised by their running mean and deviation (Welford), which move as the
 * rows come.
 *
 * <p>Smile's model has a fixed number of classes, so it is rebuilt when one arrives: with two
 * classes a {@link LogisticRegression.Binomial}, with more a {@link LogisticRegression.Multinomial},
 * whose last class has logit 0. A new class becomes the last, at logit 0, and the class it
 * displaces gets weights of zero — the logit 0 it had — so every known class keeps its odds and
 * the newcomer starts as likely as the displaced class (in the binomial, the first), then learns.
 */
final class LogisticLearner implements OnlineLearner, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final double LEARNING_RATE = 0.1;

    private final LearnerSpec spec;
    private final int features;
    private final ClassSlots classes;
    /** Welford's running mean and sum of squared deviations per feature, over {@link #revision} rows. */
    private final double[] mean;
    private final double[] squares;
    /** Null while fewer than two classes are known. */
    private @Nullable LogisticRegression model;
    private long revision;

    LogisticLearner(LearnerSpec spec, int features) {
        this.spec = spec;
        this.features = features;
        this.classes = new ClassSlots(spec.maxClasses());
        this.mean = new double[features];
        this.squares = new double[features];
    }

    @Override
    public LearnerSpec spec() {
        return spec;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public List<String> classes() {
        return classes.labels();
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public void learn(double[] row, String label) {
        Rows.check(row, features);
        classes.check(label);
        int known = classes.size();
        int slot = classes.learn(label);
        if (classes.size() > known) {
            model = widened(model, classes.size());
        }
        revision++;
        for (int j = 0; j < features; j++) {
            double delta = row[j] - mean[j];
            mean[j] += delta / revision;
            squares[j] += delta * (row[j] - mean[j]);
        }
        if (model != null) {
            model.update(standardised(row), slot);
        }
    }

    @Override
    public OnlinePrediction predict(double[] row) {
        Rows.check(row, features);
        int known = classes.size();
        if (known == 0) {
            return OnlinePrediction.NOT_YET;
        }
        if (model == null) {
            return new OnlinePrediction.Predicted(classes.label(0), 1.0, classes.labels(), new double[] {1.0});
        }
        double[] posterior = new double[known];
        int best = model.predict(standardised(row), posterior);
        return new OnlinePrediction.Predicted(classes.label(best), posterior[best], classes.labels(), posterior);
    }

    /** The row in standard deviations from the running mean; a feature that has not varied yet only centred. */
    private double[] standardised(double[] row) {
        double[] z = new double[features];
        for (int j = 0; j < features; j++) {
            double deviation = revision > 1 ? Math.sqrt(squares[j] / (revision - 1)) : 0;
            z[j] = deviation > 0 ? (row[j] - mean[j]) / deviation : row[j] - mean[j];
        }
        return z;
    }

    /** The model for one class more, predicting the known classes as before (see the class comment). */
    private @Nullable LogisticRegression widened(@Nullable LogisticRegression old, int k) {
        LogisticRegression widened;
        if (k == 1) {
            return null;
        } else if (k == 2) {
            widened = new LogisticRegression.Binomial(new double[features + 1], 0.0, 0.0, IntSet.of(2));
        } else {
            double[][] w = new double[k - 1][];
            switch (old) {
                case LogisticRegression.Binomial binomial -> {
                    w[0] = new double[features + 1];
                    w[1] = binomial.coefficients().clone();
                }
                case LogisticRegression.Multinomial multinomial -> {
                    double[][] before = multinomial.coefficients();
                    for (int c = 0; c < k - 2; c++) {
                        w[c] = before[c].clone();
                    }
                    w[k - 2] = new double[features + 1];
                }
                case null, default -> throw new IllegalStateException("no model for " + (k - 1) + " classes: " + old);
            }
            widened = new LogisticRegression.Multinomial(w, 0.0, 0.0, IntSet.of(k));
        }
        widened.setLearningRate(LEARNING_RATE);
        return widened;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        boolean modelFits = classes.size() < 2 ? model == null
                : model != null && model.numClasses() == classes.size();
        if (revision < 0 || features < 1 || mean.length != features || squares.length != features || !modelFits) {
            throw new InvalidObjectException("corrupt lr learner: revision " + revision + ", " + features
                    + " features, " + classes.size() + " classes, model " + model);
        }
    }
}

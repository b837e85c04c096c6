package dev.hatchery.trainer;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.model.cart.SplitRule;
import smile.util.IntSet;
import smile.validation.ClassificationMetrics;

/** Trains Smile classifiers on {@link TrainingData}: {@code fit(data, algorithm, options)} returns an immutable model. */
public final class ModelFit {

    /** The response column's name; features never collide with it (see {@link #responseName}). */
    private static final String RESPONSE = "hatchery_class";

    private static final ForkJoinPool.ForkJoinWorkerThreadFactory FIT_THREADS = pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("hatchery-fit-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    };

    private ModelFit() {
    }

    /** Fits a model on every row alike: {@link #fit(TrainingData, Algorithm, FitOptions, RecencyWeighting)} with weighting off. */
    public static TrainedModel fit(TrainingData data, Algorithm algorithm, FitOptions options) {
        return fit(data, algorithm, options, RecencyWeighting.DEFAULTS);
    }

    /**
     * Fits a model, learning more from recent rows when {@code weighting} is on. Runs in a pool
     * of {@code options.parallelism()} threads: Smile's forests use parallel streams, which
     * would otherwise take every core from the scoring jobs. The same data, options and
     * weighting give a model of the same bytes ({@link dev.hatchery.registry.ModelCodec#encode}),
     * whatever the parallelism.
     *
     * @throws IllegalArgumentException if the data, or the rows weighting keeps of it, cannot make a model of every class
     */
    public static TrainedModel fit(TrainingData data, Algorithm algorithm, FitOptions options,
            RecencyWeighting weighting) {
        List<String> missing = missingClasses(data);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + data.size() + " training rows have no row of class " + missing
                    + "; a model trained on them could never predict it");
        }
        TrainingData rows = weighting.resample(data, options.seed());
        missing = missingClasses(rows);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + data.size() + " training rows, resampled for a recency half-life of "
                    + weighting.halfLifeRows() + " rows, have no row of class " + missing
                    + ": its rows are all too old; lengthen the half-life, or turn recency weighting off");
        }
        // At most `parallelism` threads: no spare threads while tasks wait on each other either.
        ForkJoinPool pool = new ForkJoinPool(options.parallelism(), FIT_THREADS, null, false, 0, options.parallelism(), 1,
                saturated -> true, 30, TimeUnit.SECONDS);
        try {
            return pool.submit(() -> fitHere(rows, algorithm, options)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> missingClasses(TrainingData data) {
        int[] counts = data.classCounts();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                missing.add(data.classes().get(c));
            }
        }
        return missing;
    }

    private static TrainedModel fitHere(TrainingData data, Algorithm algorithm, FitOptions options) {
        // Smile draws from a thread-local generator: seed the one of the thread that runs this fit.
        // Gradient boosting subsamples on this thread only; each forest tree seeds its own thread
        // from `seeds` before drawing and draws nothing after it may wait on (and run) other tasks.
        MathEx.setSeed(options.seed());
        return switch (algorithm) {
            case LOGISTIC_REGRESSION -> TrainedModel.of(algorithm, data.features(), data.classes(),
                    LogisticRegression.fit(data.x(), data.y(), new LogisticRegression.Options(options.lambda(), 1e-5, 500)));
            case RANDOM_FOREST -> {
                long[] seeds = new Random(options.seed()).longs(options.trees()).toArray();
                var forest = new RandomForest.Options(options.trees(), 0, SplitRule.GINI,
                        options.maxDepth(), options.maxNodes(), options.nodeSize(), 1.0, null, seeds, null);
                yield TrainedModel.of(algorithm, data.features(), data.classes(),
                        withoutTimings(RandomForest.fit(formula(data), frame(data), forest)));
            }
            case GRADIENT_BOOSTING -> {
                var boosting = new GradientTreeBoost.Options(options.trees(), options.maxDepth(), options.maxNodes(),
                        options.nodeSize(), options.shrinkage(), 0.7, null, null);
                yield TrainedModel.of(algorithm, data.features(), data.classes(),
                        GradientTreeBoost.fit(formula(data), frame(data), boosting));
            }
            case DECISION_TREE -> {
                var tree = new DecisionTree.Options(SplitRule.GINI, options.maxDepth(), options.maxNodes(),
                        options.nodeSize());
                yield TrainedModel.of(algorithm, data.features(), data.classes(),
                        DecisionTree.fit(formula(data), frame(data), tree));
            }
        };
    }

    /**
     * The same forest without the wall-clock fit and score times that Smile records in its
     * out-of-bag metrics: they made two fits of the same trees differ in a few hundred bytes,
     * and so in checksum.
     */
    private static RandomForest withoutTimings(RandomForest forest) {
        RandomForest.Model[] models = Arrays.stream(forest.models())
                .map(model -> new RandomForest.Model(model.tree(), withoutTimings(model.metrics()), model.weight()))
                .toArray(RandomForest.Model[]::new);
        return new RandomForest(forest.formula(), forest.numClasses(), models, withoutTimings(forest.metrics()),
                forest.importance(), new IntSet(forest.classes()));
    }

    private static @Nullable ClassificationMetrics withoutTimings(@Nullable ClassificationMetrics m) {
        return m == null ? null : new ClassificationMetrics(0, 0, m.size(), m.error(), m.accuracy(), m.sensitivity(),
                m.specificity(), m.precision(), m.f1(), m.mcc(), m.auc(), m.logloss(), m.crossEntropy());
    }

    private static Formula formula(TrainingData data) {
        return Formula.lhs(responseName(data));
    }

    private static DataFrame frame(TrainingData data) {
        return DataFrame.of(data.x(), data.features().toArray(String[]::new))
                .add(new IntVector(responseName(data), data.y()));
    }

    /** A response column name that no feature has. */
    static String responseName(TrainingData data) {
        String name = RESPONSE;
        while (data.features().contains(name)) {
            name = "_" + name;
        }
        return name;
    }

    /** Share of rows the model classifies right. */
    public static double accuracy(TrainedModel model, TrainingData data) {
        if (data.size() == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            if (model.predict(data.x()[i]).index() == data.y()[i]) {
                right++;
            }
        }
        return (double) right / data.size();
    }
}

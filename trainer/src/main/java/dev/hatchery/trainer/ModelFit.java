package dev.hatchery.trainer;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;

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

    /**
     * Fits a model. Runs in a pool of {@code options.parallelism()} threads: Smile's forests use
     * parallel streams, which would otherwise take every core from the scoring jobs.
     *
     * @throws IllegalArgumentException if the data cannot make a model of every class
     */
    public static TrainedModel fit(TrainingData data, Algorithm algorithm, FitOptions options) {
        int[] counts = data.classCounts();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                missing.add(data.classes().get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + data.size() + " training rows have no row of class " + missing
                    + "; a model trained on them could never predict it");
        }
        // At most `parallelism` threads: no spare threads while tasks wait on each other either.
        ForkJoinPool pool = new ForkJoinPool(options.parallelism(), FIT_THREADS, null, false, 0, options.parallelism(), 1,
                saturated -> true, 30, TimeUnit.SECONDS);
        try {
            return pool.submit(() -> fitHere(data, algorithm, options)).get();
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

    private static TrainedModel fitHere(TrainingData data, Algorithm algorithm, FitOptions options) {
        MathEx.setSeed(options.seed());
        return switch (algorithm) {
            case LOGISTIC_REGRESSION -> TrainedModel.of(algorithm, data.features(), data.classes(),
                    LogisticRegression.fit(data.x(), data.y(), new LogisticRegression.Options(options.lambda(), 1e-5, 500)));
            case RANDOM_FOREST -> {
                long[] seeds = new Random(options.seed()).longs(options.trees()).toArray();
                var forest = new RandomForest.Options(options.trees(), 0, smile.model.cart.SplitRule.GINI,
                        options.maxDepth(), options.maxNodes(), options.nodeSize(), 1.0, null, seeds, null);
                yield TrainedModel.of(algorithm, data.features(), data.classes(),
                        RandomForest.fit(formula(data), frame(data), forest));
            }
            case GRADIENT_BOOSTING -> {
                var boosting = new GradientTreeBoost.Options(options.trees(), options.maxDepth(), options.maxNodes(),
                        options.nodeSize(), options.shrinkage(), 0.7, null, null);
                yield TrainedModel.of(algorithm, data.features(), data.classes(),
                        GradientTreeBoost.fit(formula(data), frame(data), boosting));
            }
        };
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

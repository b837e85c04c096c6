package dev.hatchery.trainer;

import dev.hatchery.registry.Algorithm;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks for fit options that beat the configured ones within a time budget. Each trial fits
 * on the older part of the training rows and is scored on the newest {@code validationFraction}
 * of them, never on any other row: the holdout that later decides between challenger and
 * champion stays unseen. Candidates are a small fixed grid around the configured options,
 * tried in order with the configured options first, so a search always has a result and two
 * searches with the same budget try the same things.
 */
public final class HyperparameterSearch {

    private HyperparameterSearch() {
    }

    /** Searches with every row weighed alike. */
    public static SearchResult search(TrainingData train, Algorithm algorithm, FitOptions base, SearchSettings settings) {
        return search(train, algorithm, base, RecencyWeighting.DEFAULTS, settings);
    }

    /**
     * Searches, fitting each trial with {@code weighting} as the challenger will be fitted.
     * No trial starts once {@code settings.budgetMillis()} have passed; the first always runs.
     *
     * @throws IllegalArgumentException if {@code train} is too small to hold rows out, or its
     *                                  older part cannot make a model of every class
     */
    public static SearchResult search(TrainingData train, Algorithm algorithm, FitOptions base,
            RecencyWeighting weighting, SearchSettings settings) {
        return search(train, algorithm, base, weighting, settings, InstantSource.system());
    }

    static SearchResult search(TrainingData train, Algorithm algorithm, FitOptions base, RecencyWeighting weighting,
            SearchSettings settings, InstantSource clock) {
        if (!settings.enabled()) {
            return new SearchResult(base, Double.NaN, 0, List.of());
        }
        int validationRows = (int) Math.round(train.size() * settings.validationFraction());
        if (validationRows < 1 || validationRows >= train.size()) {
            throw new IllegalArgumentException("cannot hold out " + settings.validationFraction() + " of "
                    + train.size() + " training rows for validation: that leaves " + validationRows
                    + " rows to validate on and " + (train.size() - validationRows) + " to fit; train on more rows, "
                    + "or change the validation fraction");
        }
        TrainingData fitRows = train.slice(0, train.size() - validationRows);
        TrainingData validation = train.slice(train.size() - validationRows, train.size());

        long start = clock.millis();
        List<SearchResult.Trial> trials = new ArrayList<>();
        SearchResult.Trial best = null;
        for (FitOptions options : candidates(algorithm, base)) {
            if (trials.size() >= settings.maxTrials()
                    || !trials.isEmpty() && clock.millis() - start >= settings.budgetMillis()) {
                break;
            }
            long fitStart = clock.millis();
            var model = ModelFit.fit(fitRows, algorithm, options, weighting);
            SearchResult.Trial trial = new SearchResult.Trial(options, ModelFit.accuracy(model, validation),
                    clock.millis() - fitStart);
            trials.add(trial);
            if (best == null || trial.validationAccuracy() > best.validationAccuracy()) {
                best = trial;
            }
        }
        return new SearchResult(best.options(), best.validationAccuracy(), trials.size(), trials);
    }

    /** The options to try, in order: {@code base} first, then single changes around it, each once. */
    static List<FitOptions> candidates(Algorithm algorithm, FitOptions base) {
        Set<FitOptions> grid = new LinkedHashSet<>();
        grid.add(base);
        switch (algorithm) {
            case RANDOM_FOREST -> {
                grid.add(withMaxDepth(base, base.maxDepth() * 2));
                grid.add(withMaxDepth(base, base.maxDepth() / 2));
                grid.add(withNodeSize(base, base.nodeSize() * 2));
                grid.add(withNodeSize(base, base.nodeSize() / 2));
                grid.add(withTrees(base, base.trees() * 2));
                grid.add(withTrees(base, base.trees() / 2));
            }
            case GRADIENT_BOOSTING -> {
                grid.add(withShrinkage(base, base.shrinkage() * 2));
                grid.add(withShrinkage(base, base.shrinkage() / 2));
                grid.add(withMaxDepth(base, base.maxDepth() / 2));
                grid.add(withMaxDepth(base, base.maxDepth() * 2));
                grid.add(withTrees(base, base.trees() * 2));
                grid.add(withNodeSize(base, base.nodeSize() * 2));
            }
            case LOGISTIC_REGRESSION -> {
                if (base.lambda() > 0) {
                    for (double factor : new double[] {10, 0.1, 100, 0.01}) {
                        grid.add(withLambda(base, base.lambda() * factor));
                    }
                    grid.add(withLambda(base, 0));
                } else {
                    for (double lambda : new double[] {0.01, 0.1, 1, 10}) {
                        grid.add(withLambda(base, lambda));
                    }
                }
            }
            case DECISION_TREE -> {
                grid.add(withMaxDepth(base, base.maxDepth() / 2));
                grid.add(withMaxDepth(base, base.maxDepth() * 2));
                grid.add(withNodeSize(base, base.nodeSize() * 2));
                grid.add(withNodeSize(base, base.nodeSize() * 4));
                grid.add(withNodeSize(base, base.nodeSize() / 2));
                grid.add(withMaxNodes(base, base.maxNodes() / 4));
            }
        }
        return List.copyOf(grid);
    }

    // Each clamps to what FitOptions allows, so a grid point never fails to construct.

    private static FitOptions withTrees(FitOptions o, int trees) {
        return new FitOptions(Math.max(1, trees), o.maxDepth(), o.maxNodes(), o.nodeSize(), o.shrinkage(), o.lambda(),
                o.parallelism(), o.seed());
    }

    private static FitOptions withMaxDepth(FitOptions o, int maxDepth) {
        return new FitOptions(o.trees(), Math.max(2, maxDepth), o.maxNodes(), o.nodeSize(), o.shrinkage(), o.lambda(),
                o.parallelism(), o.seed());
    }

    private static FitOptions withMaxNodes(FitOptions o, int maxNodes) {
        return new FitOptions(o.trees(), o.maxDepth(), Math.max(2, maxNodes), o.nodeSize(), o.shrinkage(), o.lambda(),
                o.parallelism(), o.seed());
    }

    private static FitOptions withNodeSize(FitOptions o, int nodeSize) {
        return new FitOptions(o.trees(), o.maxDepth(), o.maxNodes(), Math.max(1, nodeSize), o.shrinkage(), o.lambda(),
                o.parallelism(), o.seed());
    }

    private static FitOptions withShrinkage(FitOptions o, double shrinkage) {
        return new FitOptions(o.trees(), o.maxDepth(), o.maxNodes(), o.nodeSize(), Math.min(1, shrinkage), o.lambda(),
                o.parallelism(), o.seed());
    }

    private static FitOptions withLambda(FitOptions o, double lambda) {
        return new FitOptions(o.trees(), o.maxDepth(), o.maxNodes(), o.nodeSize(), o.shrinkage(), lambda,
                o.parallelism(), o.seed());
    }
}

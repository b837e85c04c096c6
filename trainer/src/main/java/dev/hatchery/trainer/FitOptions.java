package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the Smile algorithms Hatchery trains. Tree options apply to random forests,
 * gradient boosting and the single decision tree (which has one tree whatever {@code trees}
 * says); {@code lambda} to logistic regression. {@link #toText()} is the form a training report
 * records them in, and {@link #parse} reads it back.
 *
 * @param trees       trees in a forest or boosting ensemble
 * @param maxDepth    deepest a tree may grow: full-depth forests are megabytes and slow to swap
 * @param maxNodes    most leaves per tree
 * @param nodeSize    fewest rows in a leaf
 * @param shrinkage   gradient boosting's learning rate
 * @param lambda      logistic regression's L2 regularization
 * @param parallelism threads a fit may use (forests train trees in parallel); kept low so
 *                    training does not starve the scoring jobs' threads
 * @param seed        seeds the randomness of tree models, so a fit can be repeated
 */
public record FitOptions(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double lambda,
        int parallelism, long seed) {

    public static final FitOptions DEFAULTS = new FitOptions(100, 10, 1_000, 5, 0.05, 0.1, 1, 1);

    public FitOptions {
        List<String> problems = new ArrayList<>();
        if (trees < 1) {
            problems.add("Invalid number of trees: " + trees);
        }
        if (maxDepth < 2) {
            problems.add("Invalid maximal tree depth: " + maxDepth + " (2 or more)");
        }
        if (maxNodes < 2) {
            problems.add("Invalid maximum number of leaves: " + maxNodes + " (2 or more)");
        }
        if (nodeSize < 1) {
            problems.add("Invalid node size: " + nodeSize + " (1 or more)");
        }
        if (!(shrinkage > 0 && shrinkage <= 1)) {
            problems.add("Invalid shrinkage: " + shrinkage + " (in (0, 1])");
        }
        if (!(lambda >= 0)) {
            problems.add("Invalid regularization factor: " + lambda + " (0 or more)");
        }
        if (parallelism < 1) {
            problems.add("Invalid parallelism: " + parallelism + " (1 or more)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The keys of {@link #toText()}, in its order. */
    private static final List<String> KEYS = List.of("trees", "maxDepth", "maxNodes", "nodeSize", "shrinkage", "lambda",
            "parallelism", "seed");

    /**
     * The options as {@code key=value} pairs in the order of the constructor, e.g.
     * {@code trees=100,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=0.05,lambda=0.1,parallelism=1,seed=1};
     * doubles as {@link Double#toString}, so that {@link #parse} gives back these very options.
     */
    public String toText() {
        return "trees=" + trees + ",maxDepth=" + maxDepth + ",maxNodes=" + maxNodes + ",nodeSize=" + nodeSize
                + ",shrinkage=" + Double.toString(shrinkage) + ",lambda=" + Double.toString(lambda)
                + ",parallelism=" + parallelism + ",seed=" + seed;
    }

    /**
     * Reads {@link #toText()}'s form: every key once, in any order, nothing else.
     *
     * @throws IllegalArgumentException naming every problem of the text at once
     */
    public static FitOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                problems.add(pair.isEmpty() ? "an empty pair" : "'" + pair + "' is not key=value");
                continue;
            }
            String key = pair.substring(0, equals);
            if (!KEYS.contains(key)) {
                problems.add("unknown key '" + key + "'");
            } else if (values.putIfAbsent(key, pair.substring(equals + 1)) != null) {
                problems.add(key + " is given twice");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                problems.add(key + " is missing");
            }
        }
        if (problems.isEmpty()) {
            int trees = integer(values, "trees", problems);
            int maxDepth = integer(values, "maxDepth", problems);
            int maxNodes = integer(values, "maxNodes", problems);
            int nodeSize = integer(values, "nodeSize", problems);
            double shrinkage = decimal(values, "shrinkage", problems);
            double lambda = decimal(values, "lambda", problems);
            int parallelism = integer(values, "parallelism", problems);
            long seed = whole(values, "seed", problems);
            if (problems.isEmpty()) {
                try {
                    return new FitOptions(trees, maxDepth, maxNodes, nodeSize, shrinkage, lambda, parallelism, seed);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        throw new IllegalArgumentException("cannot read fit options '" + text + "': " + String.join("; ", problems)
                + " (write every one of " + KEYS + " once, e.g. " + DEFAULTS.toText() + ")");
    }

    private static int integer(Map<String, String> values, String key, List<String> problems) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            problems.add(key + " is '" + values.get(key) + "', not a whole number");
            return 0;
        }
    }

    private static long whole(Map<String, String> values, String key, List<String> problems) {
        try {
            return Long.parseLong(values.get(key));
        } catch (NumberFormatException e) {
            problems.add(key + " is '" + values.get(key) + "', not a whole number");
            return 0;
        }
    }

    private static double decimal(Map<String, String> values, String key, List<String> problems) {
        String value = values.get(key);
        try {
            // parseDouble would also take " 1", "1d" or hex: only what toText writes is read.
            if (!value.equals(value.strip()) || value.endsWith("d") || value.endsWith("D") || value.endsWith("f")
                    || value.endsWith("F") || value.contains("x") || value.contains("X")) {
                throw new NumberFormatException(value);
            }
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            problems.add(key + " is '" + value + "', not a number");
            return 0;
        }
    }
}

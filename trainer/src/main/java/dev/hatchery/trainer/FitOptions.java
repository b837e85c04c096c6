package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of the Smile algorithms Hatchery trains. Tree options apply to random forests and
 * gradient boosting; {@code lambda} to logistic regression.
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

    /** The options as {@code trees=100,maxDepth=10,…}, which {@link #parse} reads back exactly. */
    public String toText() {
        return "trees=" + trees + ",maxDepth=" + maxDepth + ",maxNodes=" + maxNodes + ",nodeSize=" + nodeSize
                + ",shrinkage=" + shrinkage + ",lambda=" + lambda + ",parallelism=" + parallelism + ",seed=" + seed;
    }

    public static FitOptions parse(String text) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("fit options '" + text + "': '" + pair + "' is not name=value");
            }
            values.put(parts[0].trim(), parts[1].trim());
        }
        return new FitOptions(Integer.parseInt(values.get("trees")), Integer.parseInt(values.get("maxDepth")),
                Integer.parseInt(values.get("maxNodes")), Integer.parseInt(values.get("nodeSize")),
                Double.parseDouble(values.get("shrinkage")), Double.parseDouble(values.get("lambda")),
                Integer.parseInt(values.get("parallelism")), Long.parseLong(values.get("seed")));
    }
}

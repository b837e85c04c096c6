package dev.hatchery.ops.stream;

import java.util.List;

/**
 * A named drifting stream for the demo and the benchmarks, with its true drift points.
 *
 * @param driftPoints 0-based indexes of the rows from which the next concept serves (nearly)
 *                    every row; empty for incremental drift
 */
public record DriftScenario(String name, LabelledStream stream, List<Long> driftPoints) {

    public static final List<String> NAMES = List.of("sea", "agrawal", "hyperplane", "stagger", "rbf-drift");

    public DriftScenario {
        driftPoints = List.copyOf(driftPoints);
    }

    /**
     * Builds the named scenario over {@code events} rows. Abrupt drifts are evenly spaced and
     * placed as MOA places them, with width 1. Concept {@code i} (from 0) draws with seed
     * {@code seed + i} so that no concept repeats another's rows; the drift placement uses
     * {@code seed} as well.
     */
    public static DriftScenario named(String generator, long events, long seed) {
        return switch (generator) {
            case "sea" -> abrupt("SEA f1 → f2 → f3 → f4, 10% noise", events, seed,
                    new SeaGenerator(1, seed, 10, false), new SeaGenerator(2, seed + 1, 10, false),
                    new SeaGenerator(3, seed + 2, 10, false), new SeaGenerator(4, seed + 3, 10, false));
            case "agrawal" -> abrupt("Agrawal f1 → f2 → f3 → f4, perturbation 0.05", events, seed,
                    new AgrawalGenerator(1, seed, 0.05, false), new AgrawalGenerator(2, seed + 1, 0.05, false),
                    new AgrawalGenerator(3, seed + 2, 0.05, false), new AgrawalGenerator(4, seed + 3, 0.05, false));
            case "stagger" -> abrupt("STAGGER f1 → f2 → f3", events, seed, new StaggerGenerator(1, seed, false),
                    new StaggerGenerator(2, seed + 1, false), new StaggerGenerator(3, seed + 2, false));
            case "hyperplane" -> new DriftScenario("rotating hyperplane, 10 attributes, 2 drifting at 0.001, 5% noise",
                    new HyperplaneGenerator(10, 2, 0.001, 5, 10, seed), List.of());
            case "rbf-drift" -> new DriftScenario("RandomRBF with drift, 5 classes, 50 centroids moving at 0.001",
                    new RandomRbfDriftGenerator(seed, seed, 5, 10, 50, 0.001, 50), List.of());
            default -> throw new IllegalArgumentException("unknown generator '" + generator + "': use one of " + NAMES);
        };
    }

    private static DriftScenario abrupt(String name, long events, long seed, LabelledStream... concepts) {
        long span = events / concepts.length;
        if (span < 2) {
            throw new IllegalArgumentException(events + " events are too few for " + concepts.length + " concepts");
        }
        // Nest from the last concept outwards: each inner stream counts only its own rows, so a
        // drift at `span` of each level lands at span, 2·span, 3·span of the whole stream.
        LabelledStream stream = concepts[concepts.length - 1];
        for (int i = concepts.length - 2; i >= 0; i--) {
            stream = new ConceptDriftStream(concepts[i], stream, span, 1, seed);
        }
        List<Long> points = new java.util.ArrayList<>();
        for (int i = 1; i < concepts.length; i++) {
            points.add(i * span);
        }
        return new DriftScenario(name, stream, points);
    }
}

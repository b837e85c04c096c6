package dev.hatchery.bench.detectors;

import dev.hatchery.feedback.Ddm;
import dev.hatchery.feedback.DdmSettings;
import dev.hatchery.feedback.DriftDetector;
import java.util.List;
import java.util.function.Supplier;

/** The detectors the benchmark compares, each with its default settings: the one place to add one. */
final class Detectors {

    /**
     * The detector Hatchery uses when its configuration says nothing: the configuration has no
     * choice of detector yet (its feedback settings hold DDM's settings), so it is DDM.
     */
    static final String DEFAULT = "ddm";

    /** One detector by name; {@code newDetectorFn} makes a fresh one for each run. */
    record Choice(String name, Supplier<DriftDetector> newDetectorFn) {
    }

    static final List<Choice> ALL = List.of(
            new Choice("ddm", () -> new Ddm(DdmSettings.DEFAULTS)));

    private Detectors() {
    }
}

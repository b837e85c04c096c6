package dev.hatchery.bench.detectors;

import dev.hatchery.feedback.drift.DetectorSettings;
import dev.hatchery.feedback.drift.DriftDetector;
import java.util.List;
import java.util.function.Supplier;

/**
 * The detectors the benchmark compares: the one place to change the list. Each kind a
 * configuration may name ({@link DetectorSettings#KINDS}), with its default settings.
 */
final class Detectors {

    /**
     * The detector Hatchery uses when its configuration says nothing. The configuration has no
     * choice of detector yet (its feedback settings hold DDM's settings), so it is DDM.
     */
    static final String DEFAULT = "ddm";

    /** One detector by name; {@code newDetectorFn} makes a fresh one for each run. */
    record Choice(String name, Supplier<DriftDetector> newDetectorFn) {
    }

    static final List<Choice> ALL = DetectorSettings.KINDS.stream()
            .map(kind -> new Choice(kind, () -> DetectorSettings.defaults(kind).newDetector()))
            .toList();

    private Detectors() {
    }
}

package dev.hatchery.bench.detectors;

import dev.hatchery.feedback.drift.DetectorSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.feedback.drift.DriftDetector;
import java.util.List;
import java.util.function.Supplier;

/**
 * The detectors the benchmark compares: the one place to change the list. Each kind a
 * configuration may name ({@link DetectorSettings#KINDS}), with its default settings.
 */
final class Detectors {

    /** The detector Hatchery uses when its configuration names none ({@code feedback.detector}). */
    static final String DEFAULT = HatcheryConfig.DEFAULTS.feedback().detector().kind();

    /** One detector by name; {@code newDetectorFn} makes a fresh one for each run. */
    record Choice(String name, Supplier<DriftDetector> newDetectorFn) {
    }

    static final List<Choice> ALL = DetectorSettings.KINDS.stream()
            .map(kind -> new Choice(kind, () -> DetectorSettings.defaults(kind).newDetector()))
            .toList();

    private Detectors() {
    }
}

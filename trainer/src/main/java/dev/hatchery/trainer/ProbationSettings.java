package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Probation after an automatic deployment: the new version's accuracy over its first
 * {@code events} labelled events is held against the previous version's over its last as many;
 * more than {@code maxAccuracyDrop} worse, and Hatchery rolls back and pins the model.
 *
 * @param events          labelled events of the new version that decide its probation
 * @param maxAccuracyDrop how much less accurate than the previous version it may be
 */
public record ProbationSettings(boolean enabled, int events, double maxAccuracyDrop) {

    public static final ProbationSettings DEFAULTS = new ProbationSettings(true, 1_000, 0.05);

    public ProbationSettings {
        List<String> problems = new ArrayList<>();
        if (events < 1) {
            problems.add("trainer.probation.events must be 1 or more, got " + events);
        }
        if (!(maxAccuracyDrop >= 0 && maxAccuracyDrop < 1)) {
            problems.add("trainer.probation.maxAccuracyDrop must be in [0, 1), got " + maxAccuracyDrop);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid probation settings: " + String.join("; ", problems));
        }
    }
}

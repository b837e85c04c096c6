package dev.hatchery.feedback.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of HDDM_A (Frías-Blanco et al. 2015); the defaults are the paper's.
 *
 * @param driftConfidence   significance of the test that signals a drift (0.001)
 * @param warningConfidence significance of the test that warns (0.005); it must be above the
 *                          drift's, so that a warning comes first
 */
public record HddmASettings(double driftConfidence, double warningConfidence) implements DetectorSettings {

    public static final HddmASettings DEFAULTS = new HddmASettings(0.001, 0.005);

    public HddmASettings {
        List<String> problems = new ArrayList<>();
        if (!(driftConfidence > 0 && driftConfidence < 1)) {
            problems.add("driftConfidence must be between 0 and 1, got " + driftConfidence);
        }
        if (!(warningConfidence > driftConfidence && warningConfidence < 1)) {
            problems.add("warningConfidence must be above driftConfidence (" + driftConfidence
                    + ") and below 1, got " + warningConfidence);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid HDDM-A settings: " + String.join("; ", problems));
        }
    }

    @Override
    public DriftDetector newDetector() {
        return new HddmA(this);
    }

    @Override
    public String kind() {
        return "hddm-a";
    }
}

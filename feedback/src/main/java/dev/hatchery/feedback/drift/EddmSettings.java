package dev.hatchery.feedback.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Early Drift Detection Method of Baena-García, del Campo-Ávila, Fidalgo,
 * Bifet, Gavaldà and Morales-Bueno (2006); the defaults are the paper's.
 *
 * @param minErrors    errors seen before it may warn or signal (30 in the paper): the mean and
 *                     standard deviation of fewer distances are too rough to compare with
 * @param warningLevel a warning when {@code (p' + 2s') / (p'max + 2s'max)} falls below this (0.95)
 * @param driftLevel   a drift when that ratio falls below this (0.90)
 */
public record EddmSettings(int minErrors, double warningLevel, double driftLevel) implements DetectorSettings {

    public static final EddmSettings DEFAULTS = new EddmSettings(30, 0.95, 0.90);

    public EddmSettings {
        List<String> problems = new ArrayList<>();
        if (minErrors < 2) {
            problems.add("minErrors must be 2 or more (a standard deviation needs two distances), got " + minErrors);
        }
        if (!(warningLevel > 0 && warningLevel < 1)) {
            problems.add("warningLevel must be between 0 and 1, got " + warningLevel);
        }
        if (!(driftLevel > 0 && driftLevel < warningLevel)) {
            problems.add("driftLevel must be above 0 and below warningLevel (" + warningLevel + "), got " + driftLevel);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid EDDM settings: " + String.join("; ", problems));
        }
    }

    @Override
    public DriftDetector newDetector() {
        return new Eddm(this);
    }

    @Override
    public String kind() {
        return "eddm";
    }
}

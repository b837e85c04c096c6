package dev.hatchery.feedback;

/**
 * The latest comparison of a model's recent scored events with the training reference of the
 * version serving them: the early warning, before labels. Keyed by model in the data-drift map.
 *
 * @param position        predictions of this version seen when it was checked
 * @param drifted         whether any feature is over a threshold (PSI, or the KS test)
 * @param driftedFeatures the features over a threshold, comma-separated ("" if none)
 * @param maxPsi          the largest population stability index of any feature
 * @param maxKsStatistic  the largest two-sample Kolmogorov–Smirnov statistic of any feature
 * @param detail          per feature: PSI, KS statistic and critical value
 */
public record DataDriftState(String model, int version, long epoch, long position, int events, boolean drifted,
        String driftedFeatures, double maxPsi, double maxKsStatistic, String detail, long checkedAtMillis) {
}

package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares a window of recent feature rows with a model version's {@link FeatureReference}, feature by
 * feature (but for {@link DataDriftSettings#ignoredFeatures}), with PSI over the reference's bins and the two-sample Kolmogorov-Smirnov test against its
 * sample. A feature drifted if either test flags it. Stateless and serializable, so one instance can be
 * shared by a Jet stage; the recent rows are kept by the caller, in a {@link RecentFeatures}.
 */
public final class DataDriftCheck implements Serializable {

    private final DataDriftSettings settings;

    public DataDriftCheck(DataDriftSettings settings) {
        this.settings = settings;
    }

    public DataDriftSettings settings() {
        return settings;
    }

    /**
     * Whether {@code recent} should be checked now: it holds at least {@code minEvents} rows and the row
     * just added is a multiple of {@code checkEvery}.
     */
    public boolean isDue(RecentFeatures recent) {
        return recent.size() >= settings.minEvents() && recent.added() % settings.checkEvery() == 0;
    }

    /** {@link #check(FeatureReference, double[][])} of the rows kept in {@code recent}. */
    public Optional<DataDriftReport> check(FeatureReference reference, RecentFeatures recent) {
        return check(reference, recent.rows());
    }

    /**
     * Checks the last {@code window} rows of {@code rows} (oldest first) against {@code reference}.
     *
     * @return the report, or empty if there are fewer than {@code minEvents} rows
     * @throws IllegalArgumentException if a row's length is not the reference's feature count, or a
     *                                  value is not finite
     */
    public Optional<DataDriftReport> check(FeatureReference reference, double[][] rows) {
        int from = Math.max(0, rows.length - settings.window());
        int events = rows.length - from;
        if (events < settings.minEvents()) {
            return Optional.empty();
        }
        List<FeatureProfile> profiles = reference.features();
        for (int r = from; r < rows.length; r++) {
            if (rows[r].length != profiles.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " features, the reference has "
                        + profiles.size() + " " + reference.featureNames()
                        + ": check rows against the reference of the version that scored them");
            }
        }
        List<FeatureDrift> results = new ArrayList<>(profiles.size());
        double[] column = new double[events];
        for (int f = 0; f < profiles.size(); f++) {
            FeatureProfile profile = profiles.get(f);
            if (settings.ignoredFeatures().contains(profile.name())) {
                continue;
            }
            for (int r = 0; r < events; r++) {
                double value = rows[from + r][f];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("feature '" + profile.name() + "' has " + value + " at row "
                            + (from + r) + ": only finite values can be checked for drift");
                }
                column[r] = value;
            }
            results.add(compare(profile, column));
        }
        return Optional.of(new DataDriftReport(events, results));
    }

    private FeatureDrift compare(FeatureProfile profile, double[] column) {
        double psi = Psi.index(profile, column);
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        double d = KolmogorovSmirnov.statisticOfSorted(profile.sample(), sorted);
        // The bounded sample stands for all the training values, so the test counts those: with the
        // sample's size instead it would be far stricter than alpha says (1 false flag in 4,000 stable
        // checks measured at alpha = 0.01) and miss smaller shifts.
        double critical = KolmogorovSmirnov.criticalValue(settings.ksAlpha(), profile.trainingCount(), sorted.length);
        double p = KolmogorovSmirnov.pValue(d, profile.trainingCount(), sorted.length);
        List<DriftTest> flaggedBy = new ArrayList<>(2);
        if (psi > settings.psiThreshold()) {
            flaggedBy.add(DriftTest.PSI);
        }
        if (d > critical) {
            flaggedBy.add(DriftTest.KOLMOGOROV_SMIRNOV);
        }
        return new FeatureDrift(profile.name(), psi, d, critical, p, flaggedBy);
    }
}

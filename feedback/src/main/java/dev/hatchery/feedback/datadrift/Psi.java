package dev.hatchery.feedback.datadrift;

/**
 * The population stability index of a feature: with {@code e_i} the share of training values in
 * bin {@code i} and {@code a_i} the share of recent values, {@code PSI = sum (a_i - e_i) ln(a_i / e_i)}.
 * It is the symmetric Kullback-Leibler divergence of the two binned distributions, so it is 0 for
 * equal shares and grows with any shift of mass between bins. The common reading: below 0.1 stable,
 * 0.1 to 0.25 a moderate shift worth watching, above 0.25 a significant shift.
 */
public final class Psi {

    /**
     * The share an empty bin counts as. An empty bin would make {@code ln(a_i / e_i)} infinite; with
     * 1e-4 (one value in ten thousand) a bin of 10% in training that is empty in the window adds
     * {@code (1e-4 - 0.1) ln(1e-4 / 0.1)}, about 0.69, still read as significant as it should be, while
     * staying below {@code 1 / window} for windows up to 10,000 events, so a bin seen even once counts
     * for more than an empty one.
     */
    public static final double EMPTY_BIN_SHARE = 1e-4;

    /** Below this, the usual reading is that the feature is stable. */
    public static final double STABLE_BELOW = 0.1;

    /** Above this, the usual reading is that the feature shifted significantly. */
    public static final double SIGNIFICANT_ABOVE = 0.25;

    /** The usual reading of a PSI value. */
    public enum Reading {
        STABLE, MODERATE, SIGNIFICANT;

        public static Reading of(double psi) {
            return psi < STABLE_BELOW ? STABLE : psi > SIGNIFICANT_ABOVE ? SIGNIFICANT : MODERATE;
        }
    }

    private Psi() {
    }

    /**
     * The PSI of {@code actual} shares against {@code expected} shares of the same bins; a share of 0
     * counts as {@link #EMPTY_BIN_SHARE}.
     *
     * @throws IllegalArgumentException if the two arrays differ in length or are empty
     */
    public static double index(double[] expected, double[] actual) {
        if (expected.length != actual.length || expected.length == 0) {
            throw new IllegalArgumentException("PSI compares shares of the same bins, got " + expected.length
                    + " expected and " + actual.length + " actual shares");
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], EMPTY_BIN_SHARE);
            double a = Math.max(actual[i], EMPTY_BIN_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** The PSI of {@code values} against the training shares of {@code reference}'s bins. */
    public static double index(FeatureProfile reference, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("PSI of feature '" + reference.name() + "' needs at least one value");
        }
        return index(reference.proportions(), reference.proportionsOf(values));
    }
}

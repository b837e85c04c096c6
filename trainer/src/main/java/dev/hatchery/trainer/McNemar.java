package dev.hatchery.trainer;

/**
 * McNemar's test of two classifiers on the same rows, in its exact form: of the {@code n}
 * rows where exactly one of them is right, how likely is it that the challenger is right on
 * {@code challengerOnly} or more of them if both were equally good (each such row a fair coin)?
 * The exact binomial form is used at every size: it is right for the small discordant counts
 * of short holdouts, where the chi-square approximation is not.
 */
final class McNemar {

    private McNemar() {
    }

    /**
     * One-sided p-value that the challenger is better.
     *
     * @param challengerOnly rows only the challenger gets right
     * @param championOnly   rows only the champion gets right
     */
    static double pValue(int challengerOnly, int championOnly) {
        if (challengerOnly < 0 || championOnly < 0) {
            throw new IllegalArgumentException("discordant counts must be 0 or more, got " + challengerOnly + " and "
                    + championOnly);
        }
        int n = challengerOnly + championOnly;
        if (n == 0) {
            return 1.0;
        }
        double[] logFactorial = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double logHalfToN = n * Math.log(0.5);
        double p = 0;
        for (int k = challengerOnly; k <= n; k++) {
            p += Math.exp(logFactorial[n] - logFactorial[k] - logFactorial[n - k] + logHalfToN);
        }
        return Math.min(1.0, p);
    }
}

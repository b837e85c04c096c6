package dev.hatchery.feedback.datadrift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test: its statistic {@code D = sup |F1(x) - F2(x)|} over the
 * empirical distribution functions of two samples, and the large-sample (asymptotic) critical value
 * and p-value from the Kolmogorov distribution. Unlike PSI it needs no bins, and it notices any
 * change of shape, location or spread.
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /**
     * The exact statistic {@code D}. Both distribution functions are compared only after all values
     * equal to {@code x} have been counted in both samples, so ties (within or across samples) never
     * inflate {@code D}.
     *
     * @throws IllegalArgumentException if a sample is empty or holds NaN
     */
    public static double statistic(double[] first, double[] second) {
        double[] a = first.clone();
        double[] b = second.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return statisticOfSorted(a, b);
    }

    /** {@link #statistic} of samples already in ascending order, without copying them. */
    static double statisticOfSorted(double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("the Kolmogorov-Smirnov test needs two non-empty samples, got "
                    + n + " and " + m + " values");
        }
        if (Double.isNaN(a[n - 1]) || Double.isNaN(b[m - 1])) {
            throw new IllegalArgumentException("the Kolmogorov-Smirnov test cannot compare NaN: drop or impute it");
        }
        int i = 0;
        int j = 0;
        // |i/n - j/m| compared as |i*m - j*n| over integers, so equal samples give exactly 0.
        long largest = 0;
        while (i < n && j < m) {
            double x = Math.min(a[i], b[j]);
            while (i < n && a[i] == x) {
                i++;
            }
            while (j < m && b[j] == x) {
                j++;
            }
            largest = Math.max(largest, Math.abs((long) i * m - (long) j * n));
        }
        // Past the end of one sample the gap only closes, so the largest is already found.
        return (double) largest / ((long) n * m);
    }

    /**
     * The asymptotic critical value at level {@code alpha}: {@code c(alpha) sqrt((n + m) / (n m))} with
     * {@code c(alpha) = sqrt(-ln(alpha / 2) / 2)}, from the first term of the Kolmogorov series below
     * (for example 1.36 at 0.05, 1.63 at 0.01). A {@code D} above it rejects that the samples share a
     * distribution; under that hypothesis it happens with probability close to, and slightly below,
     * {@code alpha}.
     */
    public static double criticalValue(double alpha, int n, int m) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        requireSizes(n, m);
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    /**
     * The asymptotic p-value of {@code d}: {@code Q(lambda)} with {@code lambda = sqrt(n m / (n + m)) d}
     * and the Kolmogorov distribution's tail {@code Q(lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2)}.
     * That series converges slowly for small {@code lambda}, so below 1.18 the equal form
     * {@code 1 - sqrt(2 pi) / lambda sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 lambda^2))} is summed instead.
     * Good for samples of a hundred or more; for small ones it is approximate (no small-sample correction
     * is applied, to stay consistent with {@link #criticalValue}).
     */
    public static double pValue(double d, int n, int m) {
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("a Kolmogorov-Smirnov statistic is in [0, 1], got " + d);
        }
        requireSizes(n, m);
        double lambda = Math.sqrt((double) n * m / ((double) n + m)) * d;
        return kolmogorovTail(lambda);
    }

    static double kolmogorovTail(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        double sum = 0;
        if (lambda < 1.18) {
            double factor = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (int k = 1; k <= 100; k++) {
                double term = Math.exp(factor * (2 * k - 1) * (2 * k - 1));
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return clamp(1 - Math.sqrt(2 * Math.PI) / lambda * sum);
        }
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1) ? term : -term;
            if (term < 1e-17) {
                break;
            }
        }
        return clamp(2 * sum);
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }

    private static void requireSizes(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("sample sizes must be 1 or more, got " + n + " and " + m);
        }
    }
}

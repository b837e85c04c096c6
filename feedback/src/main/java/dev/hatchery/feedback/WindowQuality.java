package dev.hatchery.feedback;

import java.util.Arrays;
import java.util.Locale;

/**
 * The quality of one model version over one event-time window: what it scored, what of that
 * has been labelled so far, and how it did. Rows are keyed by {@link #key()} in the quality map
 * and grow as late labels arrive. The derived columns (accuracy, coverage, log-loss, F1) are
 * stored so that SQL can read them.
 *
 * @param windowKind      {@code tumbling} or {@code sliding}
 * @param windowStart     event time, inclusive; {@code windowEnd} exclusive
 * @param coverage        labelled / scored (NaN before anything scored in the window was seen)
 * @param logLoss         mean negative log of the probability given to the true class, over
 *                        the outcomes where it is known: every outcome (predictions keep the
 *                        whole posterior), except misses of a model of more than two classes
 *                        by predictions written before they did; NaN where none is known
 * @param classLabels     the version's classes, indexing {@code confusion}
 * @param confusion       row-major {@code classes × classes}: row = true class, column = predicted
 * @param perClass        precision, recall and F1 of each class, as text for SQL
 */
public record WindowQuality(String model, int version, String windowKind, long windowMillis, long windowStart,
        long windowEnd, long scored, long labelled, long correct, double accuracy, double coverage, double logLoss,
        double logLossSum, long logLossCount, double macroF1, String perClass, String[] classLabels, long[] confusion,
        long updatedAtMillis) {

    static String key(String model, int version, String kind, long windowMillis, long windowEnd) {
        return model + "/v" + version + "/" + kind + "-" + windowMillis + "/" + windowEnd;
    }

    public String key() {
        return key(model, version, windowKind, windowMillis, windowEnd);
    }

    /** A row from raw counts; the derived columns are computed here. */
    static WindowQuality of(String model, int version, String kind, long windowMillis, long windowEnd, long scored,
            long labelled, long correct, double logLossSum, long logLossCount, String[] classLabels, long[] confusion,
            long nowMillis) {
        int k = classLabels.length;
        StringBuilder perClass = new StringBuilder();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            double precision = ratio(confusion[c * k + c], columnSum(confusion, k, c));
            double recall = ratio(confusion[c * k + c], rowSum(confusion, k, c));
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            f1Sum += Double.isNaN(f1) ? 0 : f1;
            perClass.append(perClass.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s: precision %.4f recall %.4f f1 %.4f", classLabels[c], precision, recall, f1));
        }
        return new WindowQuality(model, version, kind, windowMillis, windowEnd - windowMillis, windowEnd, scored,
                labelled, correct, ratio(correct, labelled), ratio(labelled, scored),
                logLossCount == 0 ? Double.NaN : logLossSum / logLossCount, logLossSum, logLossCount,
                k == 0 ? Double.NaN : f1Sum / k, perClass.toString(), classLabels, confusion, nowMillis);
    }

    /** This row with another's counts added: both must be of the same version and window. */
    WindowQuality plus(WindowQuality more) {
        String[] labels = classLabels.length >= more.classLabels.length ? classLabels : more.classLabels;
        int k = labels.length;
        long[] sum = new long[k * k];
        add(sum, k, confusion, classLabels.length);
        add(sum, k, more.confusion, more.classLabels.length);
        return of(model, version, windowKind, windowMillis, windowEnd, scored + more.scored, labelled + more.labelled,
                correct + more.correct, logLossSum + more.logLossSum, logLossCount + more.logLossCount, labels, sum,
                Math.max(updatedAtMillis, more.updatedAtMillis));
    }

    /** How often class {@code trueClass} was predicted as {@code predictedClass}. */
    public long confusion(int trueClass, int predictedClass) {
        return confusion[trueClass * classLabels.length + predictedClass];
    }

    public double precision(int c) {
        return ratio(confusion(c, c), columnSum(confusion, classLabels.length, c));
    }

    public double recall(int c) {
        return ratio(confusion(c, c), rowSum(confusion, classLabels.length, c));
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }

    /** Adds a {@code fromK × fromK} confusion matrix into a {@code k × k} one, {@code k ≥ fromK}. */
    static void add(long[] into, int k, long[] from, int fromK) {
        for (int t = 0; t < fromK; t++) {
            for (int p = 0; p < fromK; p++) {
                into[t * k + p] += from[t * fromK + p];
            }
        }
    }

    private static long rowSum(long[] m, int k, int row) {
        return Arrays.stream(m, row * k, row * k + k).sum();
    }

    private static long columnSum(long[] m, int k, int column) {
        long sum = 0;
        for (int r = 0; r < k; r++) {
            sum += m[r * k + column];
        }
        return sum;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowQuality q && key().equals(q.key()) && scored == q.scored && labelled == q.labelled
                && correct == q.correct && Arrays.equals(confusion, q.confusion);
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return "WindowQuality[" + key() + " scored=" + scored + " labelled=" + labelled + " accuracy=" + accuracy + "]";
    }
}

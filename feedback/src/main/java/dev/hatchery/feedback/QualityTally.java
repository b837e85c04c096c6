package dev.hatchery.feedback;

import com.hazelcast.jet.aggregate.AggregateOperation;
import com.hazelcast.jet.aggregate.AggregateOperation1;
import java.io.Serializable;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Adds up the quality points of one version's window that arrived within a second, so that
 * the quality map is written once a second per window rather than once per event. Kept in the
 * job's snapshots.
 */
final class QualityTally implements Serializable {

    private @Nullable WindowedPoint first;
    private long scored;
    private long labelled;
    private long correct;
    private double logLossSum;
    private long logLossCount;
    private String[] classLabels = new String[0];
    private long[] confusion = new long[0];

    /** A point with the window it is counted in. */
    record WindowedPoint(QualityWindows.Window window, QualityPoint point) implements Serializable {
        String key() {
            return WindowQuality.key(point.model(), point.version(), window.kind(), window.sizeMillis(),
                    window.endMillis());
        }
    }

    static AggregateOperation1<WindowedPoint, QualityTally, WindowQuality> aggregate() {
        return AggregateOperation.withCreate(QualityTally::new)
                .<WindowedPoint>andAccumulate(QualityTally::add)
                .andCombine(QualityTally::combine)
                .andExportFinish(tally -> tally.result(System.currentTimeMillis()));
    }

    void add(WindowedPoint windowed) {
        if (first == null) {
            first = windowed;
        }
        QualityPoint point = windowed.point();
        if (!point.labelled()) {
            scored++;
            return;
        }
        labelled++;
        if (point.trueClass() == point.predictedClass()) {
            correct++;
        }
        if (point.classLabels().length > classLabels.length) {
            grow(point.classLabels());
        }
        confusion[point.trueClass() * classLabels.length + point.predictedClass()]++;
        if (!Double.isNaN(point.trueProbability())) {
            // Clipped as usual for log-loss, so that one overconfident miss cannot make it infinite.
            logLossSum -= Math.log(Math.clamp(point.trueProbability(), 1e-15, 1 - 1e-15));
            logLossCount++;
        }
    }

    void combine(QualityTally other) {
        if (other.first == null) {
            return;
        }
        if (first == null) {
            first = other.first;
        }
        scored += other.scored;
        labelled += other.labelled;
        correct += other.correct;
        logLossSum += other.logLossSum;
        logLossCount += other.logLossCount;
        if (other.classLabels.length > classLabels.length) {
            grow(other.classLabels);
        }
        WindowQuality.add(confusion, classLabels.length, other.confusion, other.classLabels.length);
    }

    private void grow(String[] labels) {
        int k = labels.length;
        long[] grown = new long[k * k];
        WindowQuality.add(grown, k, confusion, classLabels.length);
        classLabels = Arrays.copyOf(labels, k);
        confusion = grown;
    }

    WindowQuality result(long nowMillis) {
        if (first == null) {
            throw new IllegalStateException("an empty tally has no window");
        }
        QualityPoint point = first.point();
        QualityWindows.Window window = first.window();
        return WindowQuality.of(point.model(), point.version(), window.kind(), window.sizeMillis(), window.endMillis(),
                scored, labelled, correct, logLossSum, logLossCount, classLabels.clone(), confusion.clone(), nowMillis);
    }
}

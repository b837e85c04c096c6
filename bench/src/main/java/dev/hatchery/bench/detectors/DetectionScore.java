package dev.hatchery.bench.detectors;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a list of detections scores against the true drifts (Gama et al., ACM Computing Surveys
 * 2014; Bifet et al., "CD-MOA", 2013). A drift starts at {@code start}; the first
 * detection in {@code [start, start + acceptanceWindow)} is its true detection, and its
 * delay is {@code detection - start}. A drift without a true detection is missed. Every other
 * detection, before the first drift, after a drift's true detection, or outside every
 * window, is a false alarm.
 *
 * @param drifts      how many true drifts the stream has
 * @param delays      the delay of each true detection, in the order of the drifts
 * @param missed      drifts without a true detection
 * @param falseAlarms detections that are not a drift's true detection
 * @param instances   the stream's length, the base of the rates
 */
record DetectionScore(int drifts, List<Long> delays, int missed, int falseAlarms, long instances) {

    DetectionScore {
        delays = List.copyOf(delays);
    }

    /**
     * Scores {@code detections} (row numbers, ascending) against drifts starting at
     * {@code driftStarts} (ascending). Windows may not overlap: a drift's window must end at
     * or before the next drift starts, so that each detection is judged against one drift.
     *
     * @throws IllegalArgumentException if the windows overlap or a list is not ascending
     */
    static DetectionScore of(List<Long> detections, List<Long> driftStarts, long acceptanceWindow, long instances) {
        if (acceptanceWindow < 1) {
            throw new IllegalArgumentException("the acceptance window must be 1 or more rows, got " + acceptanceWindow);
        }
        requireAscending("detections", detections);
        requireAscending("drift starts", driftStarts);
        for (int i = 1; i < driftStarts.size(); i++) {
            if (driftStarts.get(i - 1) + acceptanceWindow > driftStarts.get(i)) {
                throw new IllegalArgumentException("acceptance window " + acceptanceWindow + " overlaps the drifts at "
                        + driftStarts.get(i - 1) + " and " + driftStarts.get(i) + ": make it at most "
                        + (driftStarts.get(i) - driftStarts.get(i - 1)));
            }
        }
        List<Long> delays = new ArrayList<>();
        int trueDetections = 0;
        for (long start : driftStarts) {
            for (long detection : detections) {
                if (detection >= start && detection < start + acceptanceWindow) {
                    delays.add(detection - start);
                    trueDetections++;
                    break;
                }
            }
        }
        return new DetectionScore(driftStarts.size(), delays, driftStarts.size() - trueDetections,
                detections.size() - trueDetections, instances);
    }

    /** The mean delay of the true detections; empty when there were none. */
    @Nullable Double meanDelay() {
        return delays.isEmpty() ? null : delays.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    /** Missed detection rate: missed drifts over drifts; 0 on a stream without drift. */
    double missedDetectionRate() {
        return drifts == 0 ? 0 : (double) missed / drifts;
    }

    /** False alarms per 100,000 instances of the stream. */
    double falseAlarmsPer100k() {
        return falseAlarms * 100_000.0 / instances;
    }

    /**
     * Mean time between false alarms: the stream's instances over its false alarms (the mean
     * spacing of the alarms); empty when there were none.
     */
    @Nullable Double meanTimeBetweenFalseAlarms() {
        return falseAlarms == 0 ? null : (double) instances / falseAlarms;
    }

    private static void requireAscending(String what, List<Long> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                throw new IllegalArgumentException(what + " must be ascending, got " + values);
            }
        }
    }
}

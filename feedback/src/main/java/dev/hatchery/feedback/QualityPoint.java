package dev.hatchery.feedback;

import java.io.Serializable;

/**
 * One event's contribution to the quality of its version's windows: scored, or labelled.
 *
 * @param classLabels        the version's classes (none for a scored-only point)
 * @param trueProbability    the probability the version gave the true class, or NaN where it
 *                           is not known (see {@link WindowQuality#logLoss()})
 */
record QualityPoint(String model, int version, long eventTimeMillis, boolean labelled, int trueClass,
        int predictedClass, double trueProbability, String[] classLabels) implements Serializable {

    static QualityPoint scored(String model, int version, long eventTimeMillis) {
        return new QualityPoint(model, version, eventTimeMillis, false, -1, -1, Double.NaN, new String[0]);
    }
}

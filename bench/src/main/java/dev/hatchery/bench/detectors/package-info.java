/**
 * The drift-detector benchmark: each detector watches the error stream of a small model on
 * MOA's standard nested SEA and Agrawal streams (abrupt and gradual drifts at 250k, 500k,
 * 750k) and on a stream without drift, the model is retrained after each detection, and the
 * detections are scored as the drift-detection literature does: delay, missed drifts, false
 * alarms per 100,000 instances and the mean time between false alarms.
 */
@NullMarked
package dev.hatchery.bench.detectors;

import org.jspecify.annotations.NullMarked;

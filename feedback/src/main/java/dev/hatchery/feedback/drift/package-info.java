/**
 * Drift detection: detectors fed one outcome at a time (true if the prediction was wrong) that
 * say whether the error rate of the serving version holds, may be rising, or has risen. Each
 * detector follows its paper, keeps its state serializable for Jet snapshots, and is made from a
 * {@link dev.hatchery.feedback.drift.DetectorSettings} chosen by its configuration name.
 */
@NullMarked
package dev.hatchery.feedback.drift;

import org.jspecify.annotations.NullMarked;

/**
 * Feedback: labels (the truth, arriving late) joined to the predictions they judge. The join
 * yields outcomes, the training data of the next version; from the outcomes come the quality
 * of each version and a drift detector on the errors of the serving version, which raises
 * drift signals for the trainer. Through the job, each stage's items have a sealed type:
 * {@link dev.hatchery.feedback.Arrival} into the join, {@link dev.hatchery.feedback.Joined}
 * out of it, the judge's {@link dev.hatchery.feedback.Verdict} and the watch's
 * {@link dev.hatchery.feedback.WatchReport}; each branch takes its own kind.
 */
@NullMarked
package dev.hatchery.feedback;

import org.jspecify.annotations.NullMarked;

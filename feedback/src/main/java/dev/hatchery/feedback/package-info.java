/**
 * Feedback: labels (the truth, arriving late) joined to the predictions they judge. The join
 * yields outcomes, the training data of the next version; from the outcomes come the quality
 * of each version and a drift detector on the errors of the serving version, which raises
 * drift signals for the trainer.
 */
@NullMarked
package dev.hatchery.feedback;

import org.jspecify.annotations.NullMarked;

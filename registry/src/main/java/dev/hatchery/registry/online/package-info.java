/**
 * Online learners: models that learn from every outcome, one at a time, and whose whole state
 * — learner, known classes, revision — is deterministic in the outcomes applied. Two learners
 * made from the same {@link dev.hatchery.registry.online.LearnerSpec} and fed the same outcomes
 * in the same order serialize to the same bytes, and one restored from a checkpoint's bytes and
 * fed the rest ends identical to one that was never interrupted: what lets every member keep a
 * replica of the learning instead of receiving copies of the model.
 * {@link dev.hatchery.registry.online.OnlineLearner} is the API; the learners behind it are private.
 */
@NullMarked
package dev.hatchery.registry.online;

import org.jspecify.annotations.NullMarked;

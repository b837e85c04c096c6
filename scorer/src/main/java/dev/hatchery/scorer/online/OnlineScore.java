package dev.hatchery.scorer.online;

import dev.hatchery.registry.online.OnlinePrediction;

/**
 * A replica's answer for one row, with the point of the log it was made at: the replica's
 * checkpoint there, or any replica of the model at that sequence, answers the same.
 *
 * @param prediction the learner's answer ({@link OnlinePrediction#NOT_YET} before its first outcome)
 * @param revision   how many outcomes the learner had learnt
 * @param sequence   the next log entry the replica would have applied: every entry before it was applied or skipped
 */
public record OnlineScore(OnlinePrediction prediction, long revision, long sequence) {
}

/**
 * Online models, replicated by their learning: each model's outcomes in one total order
 * ({@link dev.hatchery.scorer.online.OutcomeLog}, a Ringbuffer the feedback job appends to), and
 * on every member a {@link dev.hatchery.scorer.online.Replica} of the model's learner that
 * applies the log in that order, skipping duplicates and refused outcomes by rules that depend on
 * the log alone, so that every member's replica is identical at the same sequence and scores its
 * own member's events. A member's {@link dev.hatchery.scorer.online.OnlineApplier} applies every
 * replica on one thread of its own, handing each over to the scorers between batches;
 * a {@link dev.hatchery.scorer.online.ReplicaSnapshot} starts a replica elsewhere or later, and a
 * {@link dev.hatchery.scorer.online.Fingerprint} compares replicas across members.
 */
@NullMarked
package dev.hatchery.scorer.online;

import org.jspecify.annotations.NullMarked;

/**
 * Scoring: the Jet job that reads events from the journals of the events map (Compact) and of
 * events_json (JSON, features by name), scores each with the model version its member's
 * {@link dev.hatchery.scorer.ModelHolder} serves at that instant, and writes one prediction per
 * event id, stamped with that version and epoch. Events that cannot be scored go to the
 * dead-letter map with the reason; values that are no event at all (see
 * {@link dev.hatchery.scorer.intake}) also leave the map they were put into.
 *
 * <p>The holder is the front door of a few package-private parts: {@code ServedVersions} (what
 * serves now, and the one place a swap happens), {@code VersionLoader} (staging and loading
 * registered versions, on the loader thread), {@code Refusals}, {@code Reconciler} (catching up
 * with the pointers), {@code Shadows}, {@code BatchScorer} (scoring a batch, and deciding per
 * event), and {@code ActivationWait}, {@code WaitingBatch} and {@code PointerLookups} (events
 * that wait for their model's version to come into service here). Another kind of model to
 * serve comes into service through {@code ServedVersions} beside {@code VersionLoader}.
 *
 * <p>Online models learn on every member from one ordered log of outcomes per model: see
 * {@link dev.hatchery.scorer.online}.
 */
@NullMarked
package dev.hatchery.scorer;

import org.jspecify.annotations.NullMarked;

/**
 * Scoring: the Jet job that reads events from the journals of the events map (Compact) and of
 * events_json (JSON, features by name), scores each with the model version its member's
 * {@link dev.hatchery.scorer.ModelHolder} serves at that instant, and writes one prediction per
 * event id, stamped with that version and epoch. Events that cannot be scored go to the
 * dead-letter map with the reason; values that are no event at all (see
 * {@link dev.hatchery.scorer.intake}) also leave the map they were put into.
 */
@NullMarked
package dev.hatchery.scorer;

import org.jspecify.annotations.NullMarked;

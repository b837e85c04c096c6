/**
 * Scoring: the Jet job that reads events from the events map's journal, scores each with the
 * model version its member's {@link dev.hatchery.scorer.ModelHolder} serves at that instant,
 * and writes one prediction per event id, stamped with that version and epoch. Events that
 * cannot be scored go to the dead-letter map with the reason.
 */
@NullMarked
package dev.hatchery.scorer;

import org.jspecify.annotations.NullMarked;

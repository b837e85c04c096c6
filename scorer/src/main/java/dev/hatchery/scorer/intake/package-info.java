/**
 * Intake: what producers write into Hatchery's input maps ({@code events}, {@code events_json},
 * {@code labels}), read from the maps' journals as bytes and deserialized one entry at a time
 * inside Hatchery's own stages. Any client may write anything there; a value that is not the
 * record the map holds — another type, JSON, a Compact record of the right name with fields
 * missing or of another kind, too large — becomes an {@link dev.hatchery.scorer.intake.Unreadable}
 * with its reason, which the jobs dead-letter and remove from the map, instead of failing the
 * job on every restart (the "poison pill" a deserialization exception handler skips).
 */
@NullMarked
package dev.hatchery.scorer.intake;

import org.jspecify.annotations.NullMarked;

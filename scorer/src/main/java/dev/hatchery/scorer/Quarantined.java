package dev.hatchery.scorer;

import dev.hatchery.scorer.intake.Unreadable;
import java.io.Serializable;

/**
 * A value in the events map (or events_json) that is no event: it is dead-lettered and removed from the map,
 * where it would fail every SQL query over {@code events}.
 */
record Quarantined(Unreadable unreadable, long atMillis) implements ScoreResult, Serializable {

    DeadLetter letter() {
        return unreadable.map().equals(ScorerMaps.EVENTS_JSON)
                ? DeadLetter.ofJsonEvent(unreadable.key(), unreadable.model(), unreadable.reason(), unreadable.payload(),
                        atMillis)
                : DeadLetter.ofEvent(unreadable.key(), unreadable.model(), unreadable.reason(), unreadable.payload(),
                        atMillis);
    }
}

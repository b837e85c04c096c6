package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sends dead-lettered events back to scoring, e.g. those that came before their model had a
 * version. An event is re-sent only if the events map (or events_json, for an event written as
 * JSON) still holds it, exactly as it was: its
 * dead letter goes first, so an event that fails again leaves a fresh one with the new reason.
 *
 * @param resent       events written again for the scoring job
 * @param withoutEvent dead letters kept because their event is no longer in the events map
 *                     (removed or replaced since)
 * @param trainedOn    dead letters kept because the serving version trained on their events:
 *                     scored, they would grade it on its own training rows
 */
public record Redrive(int resent, int withoutEvent, int trainedOn) {

    /**
     * Re-sends the events of {@code model}'s dead letters, those whose reason contains
     * {@code reasonContains} if it is given, but for the events in {@code trainedOn}.
     */
    public static Redrive deadLetters(HazelcastInstance hazelcast, String model, @Nullable String reasonContains,
            Set<String> trainedOn) {
        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(hazelcast);
        IMap<String, Object> events = hazelcast.getMap(ScorerMaps.EVENTS);
        IMap<String, Object> jsonEvents = hazelcast.getMap(ScorerMaps.EVENTS_JSON);
        int resent = 0;
        int withoutEvent = 0;
        int trained = 0;
        for (Map.Entry<String, DeadLetter> entry : letters.entrySet(ScorerMaps.deadLetteredEventsOf(model))) {
            DeadLetter letter = entry.getValue();
            if (reasonContains != null && !letter.reason().contains(reasonContains)) {
                continue;
            }
            String eventKey = DeadLetter.eventKey(letter.key());
            if (trainedOn.contains(eventKey)) {
                trained++;
                continue;
            }
            IMap<String, Object> source = DeadLetter.isJsonEventKey(letter.key()) ? jsonEvents : events;
            Object event = source.get(eventKey);
            if (event == null) {
                withoutEvent++;
                continue;
            }
            letters.delete(entry.getKey());
            // Written again unchanged, the scoring job would skip it as a producer's retry; removed
            // and written, it is a new event. If a producer replaced it meanwhile, theirs is scored.
            if (source.remove(eventKey, event)) {
                source.set(eventKey, event);
                resent++;
            } else {
                withoutEvent++;
            }
        }
        return new Redrive(resent, withoutEvent, trained);
    }
}

package dev.hatchery.scorer;

/**
 * Input that could not be used, kept with the reason so nothing is silently lost.
 *
 * @param key     where it came from, e.g. {@code event:<map key>} or {@code label:<event id>}
 * @param source  which stream it came from: {@code event} or {@code label}
 * @param reason  what is wrong with it, in words an operator can act on
 * @param payload the input as received, rendered as text
 */
public record DeadLetter(String key, String source, String model, String reason, String payload, long atMillis)
        implements ScoreResult {

    /** The {@code source} of an event's dead letter (a label's is {@code label}). */
    public static final String EVENT_SOURCE = "event";
    private static final String EVENT_KEY_PREFIX = EVENT_SOURCE + ":";
    private static final String LABEL_SOURCE = "label";

    /** The dead letter of the event at {@code eventKey} in the events map. */
    static DeadLetter ofEvent(String eventKey, String model, String reason, String payload, long atMillis) {
        return new DeadLetter(keyOfEvent(eventKey), EVENT_SOURCE, model, reason, payload, atMillis);
    }

    /** The dead letter of the label of event {@code eventId}. */
    public static DeadLetter ofLabel(String eventId, String model, String reason, String payload, long atMillis) {
        return new DeadLetter(LABEL_SOURCE + ":" + eventId, LABEL_SOURCE, model, reason, payload, atMillis);
    }

    /** The dead letters map's key for the event at {@code eventKey} in the events map. */
    public static String keyOfEvent(String eventKey) {
        return EVENT_KEY_PREFIX + eventKey;
    }

    /** Whether {@code key} is the key of an event's dead letter. */
    static boolean isEventKey(String key) {
        return key.startsWith(EVENT_KEY_PREFIX);
    }

    /** The events map key of an event's dead letter (see {@link #isEventKey}): the inverse of {@link #keyOfEvent}. */
    public static String eventKey(String key) {
        return key.substring(EVENT_KEY_PREFIX.length());
    }
}

package dev.hatchery.scorer;

/**
 * Input that could not be used, kept with the reason so nothing is silently lost.
 *
 * @param key     where it came from: {@code event:<map key>}, {@code event_json:<map key>} or
 *                {@code label:<event id>}
 * @param source  which stream it came from: {@code event} or {@code label}
 * @param reason  what is wrong with it, in words an operator can act on
 * @param payload the input as received, rendered as text
 */
public record DeadLetter(String key, String source, String model, String reason, String payload, long atMillis)
        implements ScoreResult {

    /** The {@code source} of an event's dead letter (a label's is {@code label}). */
    public static final String EVENT_SOURCE = "event";
    private static final String EVENT_KEY_PREFIX = EVENT_SOURCE + ":";
    private static final String JSON_EVENT_KEY_PREFIX = "event_json:";
    private static final String LABEL_SOURCE = "label";

    /** The dead letter of the event at {@code eventKey} in the events map. */
    static DeadLetter ofEvent(String eventKey, String model, String reason, String payload, long atMillis) {
        return new DeadLetter(keyOfEvent(eventKey), EVENT_SOURCE, model, reason, payload, atMillis);
    }

    /** The dead letter of the event at {@code eventKey} in the {@code events_json} map: an event, keyed apart. */
    static DeadLetter ofJsonEvent(String eventKey, String model, String reason, String payload, long atMillis) {
        return new DeadLetter(keyOfJsonEvent(eventKey), EVENT_SOURCE, model, reason, payload, atMillis);
    }

    /** The dead letters map's key for the event at {@code eventKey} in the {@code events_json} map. */
    public static String keyOfJsonEvent(String eventKey) {
        return JSON_EVENT_KEY_PREFIX + eventKey;
    }

    /** Whether {@code key} is the key of the dead letter of an event written as JSON. */
    static boolean isJsonEventKey(String key) {
        return key.startsWith(JSON_EVENT_KEY_PREFIX);
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

    /**
     * The events map key of an event's dead letter (see {@link #isEventKey}): the inverse of
     * {@link #keyOfEvent}, and of {@link #keyOfJsonEvent} for the {@code events_json} map.
     */
    public static String eventKey(String key) {
        return key.substring(isJsonEventKey(key) ? JSON_EVENT_KEY_PREFIX.length() : EVENT_KEY_PREFIX.length());
    }
}

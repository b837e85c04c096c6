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
}

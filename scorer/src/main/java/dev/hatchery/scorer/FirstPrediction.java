package dev.hatchery.scorer;

/** The first event a member scored with a given version: when a publish took effect there. */
public record FirstPrediction(String model, int version, long epoch, String eventId, String member, long atMillis) {
}

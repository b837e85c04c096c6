package dev.hatchery.registry;

/**
 * An operator's hold on a model: while it stands, nothing automatic deploys to the model.
 * Training still runs and records its decisions; operators can still publish and roll back.
 */
public record Pin(String model, long sinceMillis, String by, String reason) {

    public String describe() {
        return "pinned by " + by + " since " + java.time.Instant.ofEpochMilli(sinceMillis) + ": " + reason;
    }
}

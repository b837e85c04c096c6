package dev.hatchery.registry;

import java.util.Arrays;

/** How a model learns: retrained in batches by the trainer, or online from every outcome. */
public enum ModelKind {
    /** Smile models trained by the trainer on windows of labelled events; each version is one fit. */
    BATCH("batch"),
    /** Learners replicated on every member from one ordered outcome log; each version is a checkpoint. */
    ONLINE("online");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    /** The name used in configuration files, records and SQL. */
    public String id() {
        return id;
    }

    public static ModelKind parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model kind '" + id + "': use one of "
                        + Arrays.stream(values()).map(ModelKind::id).toList()));
    }
}

package dev.hatchery.registry.online;

/**
 * The name of an online model's outcome log, a Hazelcast Ringbuffer. The scorer owns the log;
 * the name is here, beside the versions whose lineage counts in its sequences, because moving the
 * pointer of an online model reads where the log ends (see {@link dev.hatchery.registry.Deployment#logSequence}).
 */
public final class OutcomeLogName {

    public static final String PREFIX = "outcome_log.";

    private OutcomeLogName() {
    }

    public static String of(String model) {
        if (model.isBlank()) {
            throw new IllegalArgumentException("an outcome log needs a model name, got '" + model + "'");
        }
        return PREFIX + model;
    }
}

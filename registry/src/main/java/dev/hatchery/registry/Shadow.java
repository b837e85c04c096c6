package dev.hatchery.registry;

import java.util.Objects;

/**
 * The shadow pointer of one model: a challenger version that scores live traffic beside the
 * serving version, its predictions recorded but never served, so that it can be judged on the
 * very events the champion saw before anyone promotes it.
 *
 * @param startedAtMillis when the shadow started; with the model and version it names this trial
 */
public record Shadow(String model, int version, long startedAtMillis, String by, String reason) {

    public Shadow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
    }

    public String versionKey() {
        return ModelVersion.key(model, version);
    }

    /** One key per trial: the same version shadowed again later is another trial. */
    public String trialKey() {
        return versionKey() + "@" + startedAtMillis;
    }
}

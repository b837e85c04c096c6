package dev.hatchery.registry;

import java.util.Objects;

/**
 * A shadow trial that is over: the shadow as it ran, and who ended it and why (an operator, a
 * trainer that judged it, or a publish that made the shadowed version serve).
 */
public record ShadowEnd(Shadow shadow, long endedAtMillis, String by, String reason) {

    public ShadowEnd {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        if (endedAtMillis < shadow.startedAtMillis()) {
            throw new IllegalArgumentException("shadow " + shadow.trialKey() + " cannot end at " + endedAtMillis
                    + ", before it started");
        }
    }
}

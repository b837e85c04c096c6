package dev.hatchery.feedback;

import org.jspecify.annotations.Nullable;

/** What watching a model's outcomes reports: its health, and a drift signal when it drifts. */
sealed interface WatchReport permits ModelHealth, DriftSignal {

    static @Nullable ModelHealth health(WatchReport report) {
        return switch (report) {
            case ModelHealth health -> health;
            case DriftSignal ignored -> null;
        };
    }

    static @Nullable DriftSignal signal(WatchReport report) {
        return switch (report) {
            case DriftSignal signal -> signal;
            case ModelHealth ignored -> null;
        };
    }
}

package dev.hatchery.scorer.online;

import java.util.List;

/** For tests: damages a live replica the way a lost or foreign log entry would, so that it no longer matches the others. */
public final class ReplicaTampering {

    private ReplicaTampering() {
    }

    /**
     * Applies {@code foreign} at the replica's position in place of the log's entry there; the
     * replica then reads the log from the entry after it.
     *
     * @return whether it took (the applier may have moved the replica meanwhile: try again)
     */
    public static boolean applyForeign(Replica replica, LoggedOutcome foreign) {
        return replica.apply(List.of(foreign), replica.sequence(), 0, Long.MAX_VALUE) == 1;
    }
}

package dev.hatchery.scorer.online;

/**
 * Whether a replica goes on applying its log. Only {@link Applying} does; every other state is
 * final, and the replica keeps answering from the state it stopped in (a {@link Failed} one
 * excepted), so its owner decides what to do: start a new replica from a checkpoint, mostly.
 */
public sealed interface ReplicaStatus {

    /** Applies entries as they come. */
    record Applying() implements ReplicaStatus {
    }

    /** The log overwrote entry {@code requested} before the replica applied it; the oldest entry left is {@code head}. */
    record Behind(long requested, long head) implements ReplicaStatus {
    }

    /**
     * The replica's position, {@code requested}, is beyond the log's newest entry + 1: it comes from
     * another log than this one (destroyed and made anew, a cluster restarted without it).
     */
    record Ahead(long requested, long tail) implements ReplicaStatus {
    }

    /**
     * The learner failed on entry {@code sequence} otherwise than by refusing the outcome: its state
     * may be half-changed, so the replica neither learns nor answers any more.
     */
    record Failed(long sequence, String eventId, String reason) implements ReplicaStatus {
    }

    /** Closed by its owner. */
    record Closed() implements ReplicaStatus {
    }

    ReplicaStatus APPLYING = new Applying();
    ReplicaStatus CLOSED = new Closed();
}

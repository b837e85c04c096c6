package dev.hatchery.scorer;

/**
 * A member's replica found to differ from the checkpoint registered at the same log sequence,
 * and so rebuilt from it: the rows of {@code replica_divergences}, as refusals are of versions.
 *
 * @param checkpointVersion the checkpoint's version, whose state the replica should have had
 */
public record ReplicaDivergence(String model, String member, long sequence, long revision, String sha256,
        int checkpointVersion, String checkpointSha256, String reason, long atMillis) {

    static String key(String model, String member, long sequence) {
        return model + "@" + member + "#" + sequence;
    }
}

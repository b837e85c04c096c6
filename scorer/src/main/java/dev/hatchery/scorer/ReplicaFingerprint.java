package dev.hatchery.scorer;

/**
 * A member's replica of an online model at one log sequence, as it reported it: the rows of
 * {@code replica_fingerprints}, one per model and member (the newest). Members at the same
 * sequence with different SHA-256s hold different models.
 *
 * @param version the version serving on the member when it took it
 */
public record ReplicaFingerprint(String model, String member, int version, long sequence, long revision, String sha256,
        long atMillis) {

    static String key(String model, String member) {
        return model + "@" + member;
    }
}

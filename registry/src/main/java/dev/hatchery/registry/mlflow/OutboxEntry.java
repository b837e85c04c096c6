package dev.hatchery.registry.mlflow;

import dev.hatchery.registry.AuditEntry;

/**
 * One change waiting to reach MLflow, keyed by what it is about ({@link #key}), so that the same
 * change heard by several members is written once; {@code sequence} orders a model's entries.
 *
 * @param kind    what changed
 * @param version the Hatchery version concerned (0 for a run that registered none)
 * @param epoch   the pointer's epoch, for a change of the serving version (else 0)
 * @param runId   the Hatchery run, for a finished run (else "")
 * @param payload a finished run as JSON (else "")
 */
record OutboxEntry(String key, String model, long sequence, Kind kind, int version, long epoch, String runId,
        String payload, long createdAtMillis) {

    enum Kind { RUN, VERSION, SERVING, AUDIT }

    static String runKey(String model, String runId) {
        return model + "|run|" + runId;
    }

    static String versionKey(String model, int version) {
        return model + "|version|" + version;
    }

    /** Two entries of one millisecond differ in what they say, so they stay two. */
    static String auditKey(AuditEntry entry) {
        return entry.model() + "|audit|" + entry.atMillis() + "|" + Integer.toHexString(entry.hashCode());
    }

    static String servingKey(String model, long epoch) {
        return model + "|epoch|" + epoch;
    }
}

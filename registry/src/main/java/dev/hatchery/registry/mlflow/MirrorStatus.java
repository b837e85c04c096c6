package dev.hatchery.registry.mlflow;

/**
 * How far MLflow lags behind Hatchery for one model (SQL: {@code mlflow_mirror}), for
 * {@code status} and operators.
 *
 * @param on                    whether some member runs a mirror now (see {@link MlflowMirror#on})
 * @param pendingEntries        outbox entries not yet in MLflow
 * @param oldestPendingAtMillis when the oldest of them was written (0 if none)
 * @param lagMillis             how long the oldest has waited (0 if none)
 * @param lastSyncAtMillis      when an entry last reached MLflow (0: never)
 * @param lastFailureAtMillis   when a push last failed (0: never)
 * @param lastFailure           why it failed ("" if never)
 * @param championVersion       the MLflow version the mirror last pointed the alias {@code champion} at ("" if none)
 * @param mirroredEpoch         the deployment epoch the alias reflects (0 if none)
 */
public record MirrorStatus(
        String model,
        boolean on,
        int pendingEntries,
        long oldestPendingAtMillis,
        long lagMillis,
        long lastSyncAtMillis,
        long lastFailureAtMillis,
        String lastFailure,
        String championVersion,
        long mirroredEpoch) {

    static MirrorStatus fresh(String model) {
        return new MirrorStatus(model, true, 0, 0, 0, 0, 0, "", "", 0);
    }

    MirrorStatus synced(long atMillis) {
        return new MirrorStatus(model, on, pendingEntries, oldestPendingAtMillis, lagMillis, atMillis,
                lastFailureAtMillis, lastFailure, championVersion, mirroredEpoch);
    }

    MirrorStatus failed(long atMillis, String why) {
        return new MirrorStatus(model, on, pendingEntries, oldestPendingAtMillis, lagMillis, lastSyncAtMillis,
                atMillis, why, championVersion, mirroredEpoch);
    }

    MirrorStatus champion(String mlflowVersion, long epoch) {
        return new MirrorStatus(model, on, pendingEntries, oldestPendingAtMillis, lagMillis, lastSyncAtMillis,
                lastFailureAtMillis, lastFailure, mlflowVersion, Math.max(epoch, mirroredEpoch));
    }

    MirrorStatus withOn(boolean running) {
        return new MirrorStatus(model, running, pendingEntries, oldestPendingAtMillis, lagMillis, lastSyncAtMillis,
                lastFailureAtMillis, lastFailure, championVersion, mirroredEpoch);
    }

    MirrorStatus pending(int entries, long oldestAtMillis, long nowMillis) {
        return new MirrorStatus(model, on, entries, oldestAtMillis, entries == 0 ? 0 : Math.max(0,
                nowMillis - oldestAtMillis), lastSyncAtMillis, lastFailureAtMillis, lastFailure, championVersion,
                mirroredEpoch);
    }
}

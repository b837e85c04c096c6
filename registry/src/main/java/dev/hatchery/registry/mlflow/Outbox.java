package dev.hatchery.registry.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.NextNumber;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What MLflow has yet to see, in Hazelcast. An entry is keyed by the change it stands for, so the
 * same change written by several members (each hears every registry event), or written again by
 * a reconciliation, is one entry; once pushed, its key is kept as done in {@code mlflow_ids} and
 * it is not written again.
 */
final class Outbox {

    static final String DONE = "done";

    private final IMap<String, OutboxEntry> entries;
    private final IMap<String, Long> sequences;
    private final IMap<String, String> ids;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    Outbox(HazelcastInstance hazelcast, Clock clock) {
        this.entries = hazelcast.getMap(MlflowMaps.OUTBOX);
        this.sequences = hazelcast.getMap(MlflowMaps.SEQUENCES);
        this.ids = hazelcast.getMap(MlflowMaps.IDS);
        this.clock = clock;
    }

    void runFinished(MirroredRun run) {
        write(OutboxEntry.Kind.RUN, OutboxEntry.runKey(run.model(), run.runId()), run.model(), run.version(), 0,
                run.runId(), json(run));
    }

    void audited(AuditEntry entry) {
        write(OutboxEntry.Kind.AUDIT, OutboxEntry.auditKey(entry), entry.model(), 0, 0, "", json(entry));
    }

    AuditEntry audit(OutboxEntry entry) {
        try {
            return json.readValue(entry.payload(), AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox entry " + entry.key() + " holds no audit entry: " + e.getMessage(), e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(value + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    void registered(ModelVersion version) {
        write(OutboxEntry.Kind.VERSION, OutboxEntry.versionKey(version.model(), version.version()), version.model(),
                version.version(), 0, version.runId(), "");
    }

    void serving(Deployment deployment) {
        write(OutboxEntry.Kind.SERVING, OutboxEntry.servingKey(deployment.model(), deployment.epoch()),
                deployment.model(), deployment.version(), deployment.epoch(), "", "");
    }

    private void write(OutboxEntry.Kind kind, String key, String model, int version, long epoch, String runId,
            String payload) {
        if (ids.containsKey(key) || entries.containsKey(key)) {
            return;
        }
        long sequence = sequences.executeOnKey(model, new NextNumber());
        // Two members may pass the check above at once: the first putIfAbsent wins, the other's sequence is a gap.
        entries.putIfAbsent(key, new OutboxEntry(key, model, sequence, kind, version, epoch, runId, payload,
                clock.millis()));
    }

    MirroredRun run(OutboxEntry entry) {
        try {
            return json.readValue(entry.payload(), MirroredRun.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox entry " + entry.key() + " holds no run: " + e.getMessage(), e);
        }
    }

    /** Every pending entry, by model, each model's in the order they were written. */
    Map<String, List<OutboxEntry>> pending() {
        return entries.values().stream().collect(Collectors.groupingBy(OutboxEntry::model, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), list -> list.stream()
                        .sorted(Comparator.comparingLong(OutboxEntry::sequence)).toList())));
    }

    /** The entry reached MLflow: it leaves the outbox and is never written again. */
    void done(OutboxEntry entry) {
        ids.set(entry.key(), DONE);
        entries.remove(entry.key());
    }

    boolean isDone(String key) {
        return ids.containsKey(key);
    }
}

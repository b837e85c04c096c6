package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Artifact;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.Lineage;
import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.scorer.online.Fingerprint;
import dev.hatchery.scorer.online.OnlineApplier;
import dev.hatchery.scorer.online.OutcomeLog;
import dev.hatchery.scorer.online.Replica;
import dev.hatchery.scorer.online.ReplicaStatus;
import java.time.Clock;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of this member's online versions: how a published online version comes into
 * service, how members check that their replicas agree, and how one that does not, or that
 * stopped, is rebuilt.
 *
 * <p><b>Into service.</b> A checkpoint version published while this member's replica of the model
 * goes on is a state the replica passed (or will pass): the replica serves on under the new
 * version and epoch, nothing is loaded. Anything else (the model's first version here, a
 * rollback, a replica that stopped) starts a replica from the version's learner, at the
 * version's log position ({@link Lineage.Online#toSequence}) or, for a rollback, at the
 * rollback point the pointer names ({@link Deployment#logSequence}), so the outcomes between the
 * two are not learnt; every member starts at the same entry.
 *
 * <p><b>Agreement.</b> Every replica fingerprints its state at every multiple of
 * {@link #FINGERPRINT_EVERY} log entries and writes it to {@link ScorerMaps#REPLICA_FINGERPRINTS}.
 * A checkpoint version registered at such a sequence is compared with this member's fingerprint
 * there (whichever comes second does it); a replica that differs is recorded in
 * {@link ScorerMaps#REPLICA_DIVERGENCES} and rebuilt from that checkpoint. Checkpoints are taken at
 * those multiples for this reason.
 */
final class OnlineReplicas {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineReplicas.class);
    /** Log entries between two fingerprints of a replica; checkpoints fall on these sequences too. */
    static final long FINGERPRINT_EVERY = 1_000;
    /** Fingerprints kept per model, to compare with checkpoints registered after the replica passed them. */
    private static final int FINGERPRINTS_KEPT = 32;

    private final HazelcastInstance hazelcast;
    private final ModelRegistry registry;
    private final ServedVersions served;
    private final OnlineApplier applier;
    private final IMap<String, MemberServing> memberServing;
    private final IMap<String, ReplicaFingerprint> fingerprints;
    private final IMap<String, ReplicaDivergence> divergences;
    private final String member;
    private final Clock clock;
    private final ExecutorService loaderThread;
    /** The sequence each replica's next fingerprint is asked for at. */
    private final Map<Replica, Long> armed = new ConcurrentHashMap<>();
    /** This member's fingerprints by model, by sequence. */
    private final Map<String, NavigableMap<Long, Fingerprint>> mine = new ConcurrentHashMap<>();

    OnlineReplicas(HazelcastInstance hazelcast, ModelRegistry registry, ServedVersions served,
            IMap<String, MemberServing> memberServing, String member, Clock clock, ExecutorService loaderThread) {
        this.hazelcast = hazelcast;
        this.registry = registry;
        this.served = served;
        this.applier = OnlineApplier.of(hazelcast);
        this.memberServing = memberServing;
        this.fingerprints = hazelcast.getMap(ScorerMaps.REPLICA_FINGERPRINTS);
        this.divergences = hazelcast.getMap(ScorerMaps.REPLICA_DIVERGENCES);
        this.member = member;
        this.clock = clock;
        this.loaderThread = loaderThread;
    }

    /**
     * What serves the pointer's online version here: the current replica, carried on, when the
     * version is a checkpoint of the state it is in or heading for; else a replica started from
     * the version. Loader thread only.
     */
    ServedModel load(Deployment deployment, ModelVersion version, @Nullable LoadedModel current) {
        Lineage.Online lineage = lineageOf(version);
        // A checkpoint is published as a version newer than the serving one, naming no log position.
        if (deployment.logSequence() == Deployment.NO_LOG_SEQUENCE && current != null
                && version.version() > current.version() && current.served() instanceof ServedModel.Online online
                && continues(online.replica(), lineage)) {
            return new ServedModel.Online(online.replica(), version.features(), lineage);
        }
        long start = deployment.logSequence() >= 0 ? deployment.logSequence() : lineage.toSequence();
        return new ServedModel.Online(start(version, start), version.features(), lineage);
    }

    /** Whether a replica carries on into a checkpoint: it is learning, from a point at or before the checkpoint's. */
    private static boolean continues(Replica replica, Lineage.Online checkpoint) {
        return replica.progress().status() instanceof ReplicaStatus.Applying
                && replica.state().startSequence() <= checkpoint.toSequence();
    }

    private Replica start(ModelVersion version, long sequence) {
        if (!(registry.loadArtifact(version.model(), version.version()) instanceof Artifact.Online(var learner))) {
            throw new IllegalStateException(version.key() + " is registered as online but holds a batch model");
        }
        Replica replica = Replica.fromLearner(OutcomeLog.of(hazelcast, version.model()), learner, sequence,
                Replica.DEFAULT_DEDUP_WINDOW);
        replica.onApplied(progress -> {
            // The applier's thread: the fingerprint is taken when the replica passes the point.
            armFingerprint(replica);
        });
        armFingerprint(replica);
        applier.follow(replica);
        LOG.info("{} replicates {} from {} at log sequence {} (revision {})", member, version.model(), version.key(),
                sequence, replica.revision());
        return replica;
    }

    /** Stops learning on a replica no version serves any more (it keeps answering events already given it). */
    void retire(@Nullable LoadedModel replaced, LoadedModel now) {
        if (replaced != null && replaced.served() instanceof ServedModel.Online old
                && !(now.served() instanceof ServedModel.Online online && online.replica() == old.replica())) {
            applier.unfollow(old.replica());
            old.replica().close();
            armed.remove(old.replica());
        }
    }

    /** Asks for the replica's fingerprint at the next multiple of {@link #FINGERPRINT_EVERY}, once. */
    private void armFingerprint(Replica replica) {
        if (!(replica.progress().status() instanceof ReplicaStatus.Applying)) {
            armed.remove(replica);
            return;
        }
        long next = Math.max(FINGERPRINT_EVERY, Math.ceilDiv(replica.sequence(), FINGERPRINT_EVERY) * FINGERPRINT_EVERY);
        Long before = armed.put(replica, next);
        if (before != null && before == next) {
            return;
        }
        replica.fingerprintAt(next).whenComplete((fingerprint, error) -> {
            if (fingerprint != null) {
                noted(fingerprint);
            }
        });
    }

    /** A fingerprint taken: kept, written for the record, and compared with a checkpoint there, if any. */
    private void noted(Fingerprint fingerprint) {
        NavigableMap<Long, Fingerprint> kept = mine.computeIfAbsent(fingerprint.model(), m -> new ConcurrentSkipListMap<>());
        kept.put(fingerprint.sequence(), fingerprint);
        while (kept.size() > FINGERPRINTS_KEPT) {
            kept.pollFirstEntry();
        }
        LoadedModel loaded = served.get(fingerprint.model());
        int version = loaded == null ? 0 : loaded.version();
        fingerprints.setAsync(ReplicaFingerprint.key(fingerprint.model(), member), new ReplicaFingerprint(
                fingerprint.model(), member, version, fingerprint.sequence(), fingerprint.revision(),
                fingerprint.sha256(), clock.millis()));
        try {
            loaderThread.execute(() -> compareWithCheckpoints(fingerprint));
        } catch (RejectedExecutionException closing) {
            // The member is going.
        }
    }

    /** On hearing of a registered online version: compares this member's fingerprint at its sequence, if it has one. */
    void registered(ModelVersion version) {
        if (version.kind() != ModelKind.ONLINE) {
            return;
        }
        Fingerprint fingerprint = fingerprintAt(version.model(), lineageOf(version).toSequence());
        if (fingerprint != null) {
            compare(fingerprint, version);
        }
    }

    private @Nullable Fingerprint fingerprintAt(String model, long sequence) {
        NavigableMap<Long, Fingerprint> kept = mine.get(model);
        return kept == null ? null : kept.get(sequence);
    }

    private void compareWithCheckpoints(Fingerprint fingerprint) {
        for (ModelVersion version : registry.versions(fingerprint.model())) {
            if (version.kind() == ModelKind.ONLINE && lineageOf(version).toSequence() == fingerprint.sequence()) {
                compare(fingerprint, version);
            }
        }
    }

    /** Loader thread: a replica whose state differs from a checkpoint's at the same sequence is recorded and rebuilt. */
    private void compare(Fingerprint fingerprint, ModelVersion checkpoint) {
        if (fingerprint.sha256().equals(checkpoint.sha256())) {
            return;
        }
        LoadedModel loaded = served.get(fingerprint.model());
        if (loaded == null || !(loaded.served() instanceof ServedModel.Online online)
                || fingerprintAt(fingerprint.model(), fingerprint.sequence()) != fingerprint) {
            return;
        }
        String reason = "member " + member + "'s replica of '" + fingerprint.model() + "' at log sequence "
                + fingerprint.sequence() + " (revision " + fingerprint.revision() + ") has SHA-256 "
                + fingerprint.sha256() + ", checkpoint " + checkpoint.key() + " there has " + checkpoint.sha256()
                + ": rebuilt from the checkpoint";
        LOG.error(reason);
        divergences.set(ReplicaDivergence.key(fingerprint.model(), member, fingerprint.sequence()), new ReplicaDivergence(
                fingerprint.model(), member, fingerprint.sequence(), fingerprint.revision(), fingerprint.sha256(),
                checkpoint.version(), checkpoint.sha256(), reason, clock.millis()));
        mine.remove(fingerprint.model());
        rebuild(loaded, online, checkpoint);
    }

    /** Replaces a served replica, under the same version and epoch, with one started from {@code from}. */
    private void rebuild(LoadedModel loaded, ServedModel.Online online, ModelVersion from) {
        Replica fresh = start(from, lineageOf(from).toSequence());
        LoadedModel rebuilt = new LoadedModel(loaded.name(), loaded.version(), loaded.epoch(),
                new ServedModel.Online(fresh, online.features(), online.lineage()));
        if (served.replace(loaded, rebuilt)) {
            retire(loaded, rebuilt);
        } else {
            applier.unfollow(fresh);
            fresh.close();
            armed.remove(fresh);
        }
    }

    /**
     * Loader thread, every reconciliation: writes each replica's revision and lag to
     * {@link ScorerMaps#MEMBER_SERVING}, and rebuilds a replica that stopped (it fell behind the
     * log's oldest entry, or its learner failed) from the newest checkpoint of its model.
     */
    void check() {
        for (LoadedModel loaded : served.all()) {
            if (!(loaded.served() instanceof ServedModel.Online online)) {
                continue;
            }
            Replica replica = online.replica();
            try {
                if (!(replica.progress().status() instanceof ReplicaStatus.Applying)) {
                    ModelVersion newest = registry.version(loaded.name(), loaded.version()).orElseThrow();
                    LOG.warn("{}'s replica of {} stopped ({}); rebuilt from {}", member, loaded.name(),
                            replica.progress().status(), newest.key());
                    rebuild(loaded, online, newest);
                    continue;
                }
                MemberServing record = memberServing.get(MemberServing.key(loaded.name(), member));
                if (record != null && record.epoch() == loaded.epoch()) {
                    memberServing.setAsync(record.key(), record.at(replica.revision(), replica.lag()));
                }
            } catch (RuntimeException e) {
                LOG.warn("{} could not check its replica of {}: {}", member, loaded.name(), e.toString());
            }
        }
    }

    private static Lineage.Online lineageOf(ModelVersion version) {
        if (version.lineage() instanceof Lineage.Online online) {
            return online;
        }
        throw new IllegalArgumentException(version.key() + " is not an online version");
    }
}

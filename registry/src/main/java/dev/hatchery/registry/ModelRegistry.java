package dev.hatchery.registry;

import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Model versions, their artifacts and the deployment pointer of each model, shared by every
 * member and client of one Hazelcast cluster.
 *
 * <p>Writes go to Hazelcast only; nothing here waits for an outside service.
 */
public interface ModelRegistry {

    static ModelRegistry on(HazelcastInstance hazelcast) {
        return on(hazelcast, Clock.systemUTC());
    }

    static ModelRegistry on(HazelcastInstance hazelcast, Clock clock) {
        return new HazelcastModelRegistry(hazelcast, clock);
    }

    /** Stores the artifact and its checksum, then the version record; returns the version. */
    default ModelVersion register(Registration registration) {
        return register(registration, version -> {
        });
    }

    /**
     * Like {@link #register(Registration)}, calling {@code beforeVisible} with the version after
     * its artifact is stored and before its record makes it visible: what belongs to a version
     * (say, its training reference) is there whenever the version is. If the call throws, the
     * version is never visible.
     */
    ModelVersion register(Registration registration, Consumer<ModelVersion> beforeVisible);

    /**
     * Registers an online model's checkpoint as its next version, like {@link #register(Registration)}:
     * the learner's bytes and their checksum first, then the version record with its lineage.
     * It is published, rolled back and audited like any version.
     */
    ModelVersion register(Checkpoint checkpoint);

    Optional<ModelVersion> version(String model, int version);

    /** Every version of the model, oldest first. */
    List<ModelVersion> versions(String model);

    /**
     * Loads a version's artifact through the model codec: checksum first, then an allow-listed
     * deserialization.
     *
     * @throws ModelRejectedException if the bytes are missing, corrupt or not a model, or the
     *                                version is an online checkpoint (see {@link #loadArtifact})
     */
    TrainedModel load(String model, int version);

    /**
     * Loads a version's artifact, whichever its kind: a batch version's Smile model, or a fresh
     * learner restored from an online checkpoint. Both are checked alike: checksum first, then an
     * allow-listed deserialization; a checkpoint's learner must also be at the revision, and of
     * the learner, its record names.
     *
     * @throws ModelRejectedException if the bytes are missing, corrupt, or not what the record says
     */
    Artifact loadArtifact(String model, int version);

    /** A version's artifact as stored, unchecked: for copying it elsewhere (say, to MLflow), not for serving. */
    Optional<byte[]> artifact(String model, int version);

    /**
     * Makes {@code version} the serving version of {@code model}, with an epoch above every
     * earlier one, in one atomic update of the pointer.
     *
     * @throws IllegalArgumentException if the version is not registered
     * @throws IllegalStateException if it is already serving
     */
    Deployment publish(String model, int version, String by, String reason);

    /**
     * Returns {@code model} to the version that served before the current one, with a new,
     * higher epoch.
     *
     * @throws IllegalStateException if there is nothing to roll back to
     */
    Deployment rollback(String model, String by, String reason);

    /**
     * Returns {@code model} to an older registered version named by the operator, with a new,
     * higher epoch, recorded as a rollback. The rollback stack is popped down to that version if
     * it is on it.
     *
     * @throws IllegalArgumentException if the version is not registered
     * @throws IllegalStateException if the model has never been published, or the version is serving
     */
    Deployment rollback(String model, int toVersion, String by, String reason);

    Optional<Deployment> deployment(String model);

    /** The pointer of every model that has one. */
    List<Deployment> deployments();

    /** Every change of the model's pointer, by epoch. */
    List<Deployment> history(String model);

    /**
     * Calls {@code listener} for every change of any model's pointer, on whichever member or
     * client this registry lives. Events may be lost on failover: listeners reconcile with
     * {@link #deployment(String)} too. The listener runs on a Hazelcast event thread: it must
     * hand heavy work elsewhere.
     */
    Subscription onDeployment(Consumer<Deployment> listener);

    /** Every version record change, e.g. for a timeline, a mirror, or a holder that stages versions. */
    Subscription onRegistration(Consumer<ModelVersion> listener);

    /**
     * Makes {@code version} the shadow of {@code model}: every scorer also scores the model's
     * events with it and records those predictions beside the served ones, without serving them.
     * One shadow per model at a time. A publish or rollback that makes the shadowed version
     * serve ends its shadow.
     *
     * @throws IllegalArgumentException if the version is not registered
     * @throws IllegalStateException if it is the version serving, or another shadow runs
     */
    Shadow startShadow(String model, int version, String by, String reason);

    /**
     * Ends the model's shadow and keeps the trial in {@link #shadowHistory(String)}.
     *
     * @throws IllegalStateException if the model has no shadow
     */
    ShadowEnd endShadow(String model, String by, String reason);

    Optional<Shadow> shadow(String model);

    /** The shadow of every model that has one. */
    List<Shadow> shadows();

    /** Every ended shadow trial of the model, oldest first. */
    List<ShadowEnd> shadowHistory(String model);

    /**
     * Calls {@code listener} for every start and end of any model's shadow. As with
     * {@link #onDeployment}, events may be lost on failover (reconcile with {@link #shadows()})
     * and the listener runs on a Hazelcast event thread.
     */
    Subscription onShadow(Consumer<ShadowChange> listener);

    /** Records that a member refused to serve a version, with the reason; the latest per version and member is kept. */
    void recordRefusal(Refusal refusal);

    /** Every member's refusals of the model's versions, oldest first. */
    List<Refusal> refusals(String model);

    /**
     * Pins the model: nothing automatic (the trainer, a probation) deploys to it until an
     * operator unpins it. Training still runs and records its decisions; operators can still
     * publish and roll back.
     *
     * @throws IllegalStateException if the model is pinned already (the message says by whom and why)
     */
    Pin pin(String model, String by, String reason);

    /**
     * Pins the model whether or not it is pinned already, replacing the pin it had: for an
     * operator whose rollback or promote holds the model at the version they chose, for their
     * own reason, even if someone (or a probation) had pinned it before.
     */
    Pin repin(String model, String by, String reason);

    /** Lifts the model's pin; {@code false} if it was not pinned. */
    boolean unpin(String model, String by, String reason);

    Optional<Pin> pinned(String model);

    /** Records an operator's command and its result, refusals included. */
    void audit(AuditEntry entry);

    /** The model's audit entries, oldest first. */
    List<AuditEntry> audits(String model);

    /** Calls {@code listener} for every new audit entry of any model (say, for a mirror), on a Hazelcast event thread. */
    Subscription onAudit(Consumer<AuditEntry> listener);
}

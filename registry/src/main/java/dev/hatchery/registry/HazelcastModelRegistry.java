package dev.hatchery.registry;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.online.OutcomeLogName;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.online.OnlineLearner;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The registry on a Hazelcast cluster: one map per kind of record, entry processors for changes. */
final class HazelcastModelRegistry implements ModelRegistry {

    private final IMap<String, ModelVersion> versions;
    private final IMap<String, byte[]> artifacts;
    private final IMap<String, Long> sequences;
    private final IMap<String, Deployment> deployments;
    private final IMap<String, Deployment> history;
    private final IMap<String, Refusal> refusals;
    private final IMap<String, Shadow> shadows;
    private final IMap<String, ShadowEnd> shadowHistory;
    private final IMap<String, Pin> pins;
    private final IMap<String, AuditEntry> audit;
    private final Clock clock;
    private final HazelcastInstance hazelcast;

    HazelcastModelRegistry(HazelcastInstance hazelcast, Clock clock) {
        this.hazelcast = hazelcast;
        this.versions = hazelcast.getMap(RegistryMaps.VERSIONS);
        this.artifacts = hazelcast.getMap(RegistryMaps.ARTIFACTS);
        this.sequences = hazelcast.getMap(RegistryMaps.SEQUENCES);
        this.deployments = hazelcast.getMap(RegistryMaps.DEPLOYMENTS);
        this.history = hazelcast.getMap(RegistryMaps.HISTORY);
        this.refusals = hazelcast.getMap(RegistryMaps.REFUSALS);
        this.shadows = hazelcast.getMap(RegistryMaps.SHADOWS);
        this.shadowHistory = hazelcast.getMap(RegistryMaps.SHADOW_HISTORY);
        this.pins = hazelcast.getMap(RegistryMaps.PINS);
        this.audit = hazelcast.getMap(RegistryMaps.AUDIT);
        this.clock = clock;
    }

    @Override
    public ModelVersion register(Registration registration, Consumer<ModelVersion> beforeVisible) {
        TrainedModel trained = registration.trained();
        byte[] bytes = ModelCodec.encode(trained);
        int number = Math.toIntExact(sequences.executeOnKey(registration.model(), new NextNumber()));
        ModelVersion version = new ModelVersion(
                registration.model(), number, trained.algorithm(), trained.features(), trained.classes(),
                ModelCodec.sha256(bytes), bytes.length, clock.millis(), registration.trainingRows(),
                registration.holdoutAccuracy(), registration.runId());
        // Artifact first: a version that can be seen can always be loaded.
        artifacts.set(version.key(), bytes);
        beforeVisible.accept(version);
        versions.set(version.key(), version);
        return version;
    }

    @Override
    public ModelVersion register(Checkpoint checkpoint) {
        byte[] bytes = checkpoint.bytes();
        Lineage.Online lineage = checkpoint.lineage();
        int number = Math.toIntExact(sequences.executeOnKey(checkpoint.model(), new NextNumber()));
        ModelVersion version = new ModelVersion(checkpoint.model(), number, lineage, checkpoint.features(),
                checkpoint.classes(), ModelCodec.sha256(bytes), bytes.length, clock.millis(),
                (int) Math.min(lineage.revision(), Integer.MAX_VALUE), checkpoint.accuracy(), checkpoint.runId());
        artifacts.set(version.key(), bytes);
        versions.set(version.key(), version);
        return version;
    }

    @Override
    public Optional<ModelVersion> version(String model, int version) {
        return Optional.ofNullable(versions.get(ModelVersion.key(model, version)));
    }

    @Override
    public List<ModelVersion> versions(String model) {
        return versions.values(Predicates.equal("model", model)).stream()
                .sorted(Comparator.comparingInt(ModelVersion::version))
                .toList();
    }

    @Override
    public TrainedModel load(String model, int version) {
        ModelVersion record = record(model, version);
        if (record.lineage() instanceof Lineage.Online online) {
            throw new ModelRejectedException(record.key() + " is an online checkpoint (learner '" + online.learner()
                    + "', revision " + online.revision() + "), not a Smile model: load it with loadArtifact");
        }
        return ModelCodec.decode(bytes(record), record.sha256());
    }

    @Override
    public Artifact loadArtifact(String model, int version) {
        ModelVersion record = record(model, version);
        return switch (record.lineage()) {
            case Lineage.Batch batch -> new Artifact.Batch(ModelCodec.decode(bytes(record), record.sha256()));
            case Lineage.Online online -> {
                OnlineLearner learner = ModelCodec.decodeLearner(bytes(record), record.sha256());
                // The checksum proves the bytes are the ones stored; this proves the record describes them.
                if (learner.revision() != online.revision() || !learner.spec().text().equals(online.learner())
                        || learner.spec().seed() != online.seed() || learner.features() != record.features().size()) {
                    throw new ModelRejectedException(record.key() + " holds learner " + learner.spec() + " at revision "
                            + learner.revision() + " for " + learner.features() + " features, but its record says '"
                            + online.learner() + "' seed " + online.seed() + " at revision " + online.revision()
                            + " for " + record.features().size());
                }
                yield new Artifact.Online(learner);
            }
        };
    }

    private ModelVersion record(String model, int version) {
        return version(model, version).orElseThrow(() -> new ModelRejectedException(
                "model '" + model + "' has no version " + version + ": registered are " + numbers(model)));
    }

    private byte[] bytes(ModelVersion record) {
        byte[] bytes = artifacts.get(record.key());
        if (bytes == null) {
            throw new ModelRejectedException("artifact of " + record.key() + " is missing from the registry");
        }
        return bytes;
    }

    @Override
    public Optional<byte[]> artifact(String model, int version) {
        return Optional.ofNullable(artifacts.get(ModelVersion.key(model, version)));
    }

    @Override
    public Deployment publish(String model, int version, String by, String reason) {
        if (version(model, version).isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no version " + version
                    + " to publish: registered are " + numbers(model));
        }
        return move(model, PointerMove.publish(version, clock.millis(), by, reason));
    }

    @Override
    public Deployment rollback(String model, String by, String reason) {
        return move(model, PointerMove.rollback(clock.millis(), by, reason));
    }

    @Override
    public Deployment rollback(String model, int toVersion, String by, String reason) {
        if (version(model, toVersion).isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no version " + toVersion
                    + " to roll back to: registered are " + numbers(model));
        }
        return move(model, PointerMove.rollbackTo(toVersion, clock.millis(), by, reason));
    }

    private Deployment move(String model, PointerMove move) {
        Deployment deployment = deployments.executeOnKey(model, move.from(logPosition(model, move)));
        history.set(model + "/" + deployment.epoch(), deployment);
        endShadowOfServing(deployment);
        return deployment;
    }

    /**
     * Where the replicas of an online version the move serves learn on from: the end of the
     * model's outcome log now, read before the move (an entry processor may make no remote call),
     * so that every member starts at the same entry and the outcomes between the version's
     * checkpoint and now are not learnt. None for a batch version, and for the publish of a
     * version newer than the serving one (a checkpoint, or a first version), which learns on from its own position.
     */
    private long logPosition(String model, PointerMove move) {
        Integer target = move.targetVersion();
        Deployment current = deployments.get(model);
        int version = target != null ? target : current == null || current.rollbackStack().isEmpty() ? -1
                : current.rollbackStack().getFirst();
        ModelVersion record = version < 0 ? null : versions.get(ModelVersion.key(model, version));
        if (record == null || record.kind() != ModelKind.ONLINE) {
            return Deployment.NO_LOG_SEQUENCE;
        }
        if (move.action() == Deployment.Action.PUBLISH && (current == null || version > current.version())) {
            return Deployment.NO_LOG_SEQUENCE;
        }
        return hazelcast.getRingbuffer(OutcomeLogName.of(model)).tailSequence() + 1;
    }

    /** A version that serves has nothing left to prove in shadow: scoring it twice would only cost. */
    private void endShadowOfServing(Deployment deployment) {
        Shadow shadow = shadows.get(deployment.model());
        // Conditional remove: a shadow started again meanwhile is another trial, not this one.
        if (shadow != null && shadow.version() == deployment.version() && shadows.remove(deployment.model(), shadow)) {
            shadowHistory.set(shadow.trialKey(), new ShadowEnd(shadow, Math.max(shadow.startedAtMillis(),
                    deployment.publishedAtMillis()), deployment.by(), "v" + deployment.version() + " serves from epoch "
                    + deployment.epoch() + " (" + deployment.reason() + ")"));
        }
    }

    @Override
    public Shadow startShadow(String model, int version, String by, String reason) {
        if (version(model, version).isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no version " + version
                    + " to shadow: registered are " + numbers(model) + "; register it first");
        }
        Optional<Deployment> serving = deployment(model);
        if (serving.isPresent() && serving.get().version() == version) {
            throw new IllegalStateException("model '" + model + "' v" + version + " is the version serving (epoch "
                    + serving.get().epoch() + "): shadow a challenger, not the champion");
        }
        Object result = shadows.executeOnKey(model, new ShadowStart(version, clock.millis(), by, reason));
        if (result instanceof Shadow shadow) {
            return shadow;
        }
        throw new IllegalStateException(String.valueOf(result));
    }

    @Override
    public ShadowEnd endShadow(String model, String by, String reason) {
        Shadow shadow = shadows.remove(model);
        if (shadow == null) {
            throw new IllegalStateException("model '" + model + "' has no shadow to end; past trials: "
                    + shadowHistory(model).stream().map(end -> end.shadow().trialKey()).toList());
        }
        ShadowEnd end = new ShadowEnd(shadow, Math.max(shadow.startedAtMillis(), clock.millis()), by, reason);
        shadowHistory.set(shadow.trialKey(), end);
        return end;
    }

    @Override
    public Optional<Shadow> shadow(String model) {
        return Optional.ofNullable(shadows.get(model));
    }

    @Override
    public List<Shadow> shadows() {
        return List.copyOf(shadows.values());
    }

    @Override
    public List<ShadowEnd> shadowHistory(String model) {
        return shadowHistory.values(Predicates.equal("model", model)).stream()
                .sorted(Comparator.comparingLong(end -> end.shadow().startedAtMillis()))
                .toList();
    }

    @Override
    public Subscription onShadow(Consumer<ShadowChange> listener) {
        UUID id = shadows.addEntryListener(new ShadowListener(listener), true);
        return () -> shadows.removeEntryListener(id);
    }

    @Override
    public Optional<Deployment> deployment(String model) {
        return Optional.ofNullable(deployments.get(model));
    }

    @Override
    public List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    @Override
    public List<Deployment> history(String model) {
        return history.values(Predicates.equal("model", model)).stream()
                .sorted(Comparator.comparingLong(Deployment::epoch))
                .toList();
    }

    @Override
    public Subscription onDeployment(Consumer<Deployment> listener) {
        return listen(deployments, listener);
    }

    @Override
    public Subscription onRegistration(Consumer<ModelVersion> listener) {
        return listen(versions, listener);
    }

    @Override
    public void recordRefusal(Refusal refusal) {
        refusals.set(refusal.key(), refusal);
    }

    @Override
    public List<Refusal> refusals(String model) {
        return refusals.values(Predicates.equal("model", model)).stream()
                .sorted(Comparator.comparingLong(Refusal::atMillis))
                .toList();
    }

    @Override
    public Pin pin(String model, String by, String reason) {
        Pin pin = new Pin(model, clock.millis(), by, reason);
        Pin earlier = pins.putIfAbsent(model, pin);
        if (earlier != null) {
            throw new IllegalStateException("model '" + model + "' is already " + earlier.describe()
                    + "; unpin it first to pin it anew");
        }
        return pin;
    }

    @Override
    public Pin repin(String model, String by, String reason) {
        Pin pin = new Pin(model, clock.millis(), by, reason);
        pins.set(model, pin);
        return pin;
    }

    @Override
    public boolean unpin(String model, String by, String reason) {
        return pins.remove(model) != null;
    }

    @Override
    public Optional<Pin> pinned(String model) {
        return Optional.ofNullable(pins.get(model));
    }

    @Override
    public void audit(AuditEntry entry) {
        // Two commands in the same millisecond are two entries, never one overwriting the other.
        audit.set(entry.model() + "@" + entry.atMillis() + "#" + UUID.randomUUID(), entry);
    }

    @Override
    public List<AuditEntry> audits(String model) {
        return audit.values(Predicates.equal("model", model)).stream()
                .sorted(Comparator.comparingLong(AuditEntry::atMillis))
                .toList();
    }

    @Override
    public Subscription onAudit(Consumer<AuditEntry> listener) {
        return listen(audit, listener);
    }

    private static <V> Subscription listen(IMap<String, V> map, Consumer<V> listener) {
        // addEntryListener, not addLocalEntryListener: every member must hear every change.
        UUID id = map.addEntryListener(new ValueListener<>(listener), true);
        return () -> map.removeEntryListener(id);
    }

    private String numbers(String model) {
        List<Integer> numbers = versions(model).stream().map(ModelVersion::version).toList();
        return numbers.isEmpty() ? "none" : numbers.toString();
    }

    private record ShadowListener(Consumer<ShadowChange> listener) implements EntryAddedListener<String, Shadow>,
            EntryUpdatedListener<String, Shadow>, EntryRemovedListener<String, Shadow> {
        @Override
        public void entryAdded(EntryEvent<String, Shadow> event) {
            listener.accept(new ShadowChange.Started(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, Shadow> event) {
            listener.accept(new ShadowChange.Started(event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, Shadow> event) {
            listener.accept(new ShadowChange.Ended(event.getOldValue()));
        }
    }

    private record ValueListener<V>(Consumer<V> listener)
            implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V> {
        @Override
        public void entryAdded(EntryEvent<String, V> event) {
            listener.accept(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, V> event) {
            listener.accept(event.getValue());
        }
    }
}

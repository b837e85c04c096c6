package dev.hatchery.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelRejectedException;
import dev.hatchery.registry.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back from MLflow: an operator who moves the alias {@code champion} in MLflow's UI rolls
 * the model back (or forward) in Hatchery. A move is whatever the alias points to that the mirror
 * did not point it to itself; the version must be one of Hatchery's and pass its checks, or the
 * alias is moved back with a tag on the refused version saying why.
 */
final class AliasWatch {

    private static final Logger LOG = LoggerFactory.getLogger(AliasWatch.class);

    private final MlflowServer server;
    private final ModelRegistry registry;
    private final Outbox outbox;
    private final MirrorPush push;
    private final IMap<String, MirrorStatus> states;
    private final Clock clock;

    AliasWatch(HazelcastInstance hazelcast, MlflowServer server, ModelRegistry registry, Outbox outbox, MirrorPush push,
            Clock clock) {
        this.server = server;
        this.push = push;
        this.registry = registry;
        this.outbox = outbox;
        this.states = hazelcast.getMap(MlflowMaps.MIRROR);
        this.clock = clock;
    }

    /** Looks at one model's alias; call only when the model's outbox is empty, so the alias is the mirror's own. */
    void check(String model) {
        MirrorStatus state = states.get(model);
        if (state == null || state.championVersion().isEmpty()) {
            return;
        }
        Optional<JsonNode> aliased = server.alias(model, MirrorPush.ALIAS);
        if (aliased.isEmpty()) {
            // Deleted in MLflow: the alias always names the version serving, so it comes back.
            try {
                server.setAlias(model, MirrorPush.ALIAS, state.championVersion());
            } catch (MlflowException e) {
                if (e.status() != 404) {
                    throw e;
                }
                // The registered model or its version is gone too: make them again from the registry.
                LOG.warn("'{}' or its version {} was deleted in MLflow; mirroring it again", model,
                        state.championVersion());
                push.forget(model);
                registry.deployment(model).ifPresent(outbox::serving);
            }
            return;
        }
        String mlflowVersion = aliased.get().path("version").asText();
        if (mlflowVersion.equals(state.championVersion())) {
            return;
        }
        Optional<String> hatcheryVersion = tag(aliased.get(), MirrorPush.VERSION_TAG);
        Deployment serving = registry.deployment(model).orElseThrow();
        String refusal = hatcheryVersion.map(number -> validate(model, number, serving)).orElse(
                "MLflow version " + mlflowVersion + " of '" + model + "' is not one of Hatchery's (no "
                        + MirrorPush.VERSION_TAG + " tag): Hatchery serves only versions it registered");
        if (!refusal.isEmpty()) {
            LOG.warn("alias {} of '{}' moved to MLflow version {} in MLflow, refused: {}; moving it back to {}",
                    MirrorPush.ALIAS, model, mlflowVersion, refusal, state.championVersion());
            server.tagVersion(model, mlflowVersion, "hatchery.alias_refused", refusal + " ("
                    + Instant.ofEpochMilli(clock.millis()) + ")");
            server.setAlias(model, MirrorPush.ALIAS, state.championVersion());
            registry.audit(new AuditEntry(model, clock.millis(), MlflowMirror.BY, "publish", "alias "
                    + MirrorPush.ALIAS + " moved to MLflow version " + mlflowVersion + " in MLflow", "refused: "
                    + refusal + "; the alias is back on MLflow version " + state.championVersion()));
            return;
        }
        int version = Integer.parseInt(hatcheryVersion.orElseThrow());
        String reason = tag(aliased.get(), "alias_reason").filter(text -> !text.isBlank()).orElse(
                "alias " + MirrorPush.ALIAS + " moved to MLflow version " + mlflowVersion + " in MLflow");
        Deployment moved = version == serving.version() ? serving
                : !serving.rollbackStack().isEmpty() && serving.rollbackStack().getFirst() == version
                ? registry.rollback(model, MlflowMirror.BY, reason)
                : registry.publish(model, version, MlflowMirror.BY, reason);
        LOG.info("alias {} of '{}' moved to v{} in MLflow: {} at epoch {}", MirrorPush.ALIAS, model, version,
                moved.action(), moved.epoch());
        String command = moved.action() == Deployment.Action.ROLLBACK ? "rollback" : "publish";
        registry.audit(new AuditEntry(model, clock.millis(), MlflowMirror.BY, command, reason,
                "v" + moved.version() + " serves from epoch " + moved.epoch()));
        states.set(model, state.champion(mlflowVersion, moved.epoch()));
        outbox.serving(moved);
    }

    /** Why Hatchery will not serve the version, or "" if it will. */
    private String validate(String model, String number, Deployment serving) {
        int version;
        try {
            version = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return "its " + MirrorPush.VERSION_TAG + " tag is '" + number + "', not a version number";
        }
        if (registry.version(model, version).isEmpty()) {
            return "Hatchery has no version " + version + " of '" + model + "'";
        }
        if (version == serving.version()) {
            return "";
        }
        List<Refusal> refused = registry.refusals(model).stream().filter(r -> r.version() == version).toList();
        if (!refused.isEmpty()) {
            Refusal last = refused.getLast();
            return "v" + version + " was refused by member " + last.member() + ": " + last.reason();
        }
        try {
            registry.load(model, version);
        } catch (ModelRejectedException e) {
            return "v" + version + " fails its checks: " + e.getMessage();
        }
        return "";
    }

    private static Optional<String> tag(JsonNode version, String key) {
        for (JsonNode tag : version.path("tags")) {
            if (key.equals(tag.path("key").asText())) {
                return Optional.of(tag.path("value").asText());
            }
        }
        return Optional.empty();
    }
}

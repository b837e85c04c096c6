package dev.hatchery.ops.command;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.trainer.TrainerControls;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * One operator's connection to a cluster: the registry and the trainer's controls over a
 * Hazelcast client, who the operator is, and the audit of what they change. Close it to
 * disconnect (a client lent to the command stays connected).
 */
public final class OperatorClient implements AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final HatcheryConfig config;
    private final String actor;
    private final ModelRegistry registry;
    private final TrainerControls trainer;
    private final Runnable disconnectFn;
    private final Clock clock = Clock.systemUTC();

    OperatorClient(HazelcastInstance hazelcast, HatcheryConfig config, String actor, Runnable disconnectFn) {
        this.hazelcast = hazelcast;
        this.disconnectFn = disconnectFn;
        this.config = config;
        this.actor = actor;
        this.registry = ModelRegistry.on(hazelcast);
        this.trainer = TrainerControls.on(hazelcast);
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public HatcheryConfig config() {
        return config;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public TrainerControls trainer() {
        return trainer;
    }

    public String actor() {
        return actor;
    }

    /** The model's deployment pointer, or {@link ExitCode#UNKNOWN_MODEL} naming the models there are. */
    public Deployment deployed(String model) {
        return registry.deployment(model).orElseThrow(() -> new CommandFailure(ExitCode.UNKNOWN_MODEL,
                trainer.definition(model).isPresent()
                        ? "model '" + model + "' is defined but has no version yet: the members train v1 once "
                                + config.trainer().policy(model).window().minRows() + " of its events are labelled"
                                + " (trainer.window.minRows); replay more data, then try again"
                        : "model '" + model + "' is not deployed in this cluster; deployed are " + deployedModels()
                                + ": check the name, or replay data for it with './hatchery replay FILE --model "
                                + model + " --label COLUMN'"));
    }

    /** The version's record, or {@link ExitCode#UNKNOWN_VERSION} naming the versions there are. */
    public ModelVersion version(String model, int version) {
        return registry.version(model, version).orElseThrow(() -> new CommandFailure(ExitCode.UNKNOWN_VERSION,
                "model '" + model + "' has no version " + version + "; registered are "
                        + registry.versions(model).stream().map(v -> "v" + v.version()).toList()
                        + ": pick one of them"));
    }

    public List<String> deployedModels() {
        return registry.deployments().stream().map(Deployment::model).sorted().toList();
    }

    /**
     * Runs a change and records it in the audit: its result, or the refusal and why. A failure
     * that is not a refusal (an unknown model) is recorded too, then passed on.
     */
    public <T> T audited(String model, String command, String reason, Supplier<T> change, ResultText<T> result) {
        T done;
        try {
            done = change.get();
        } catch (CommandFailure e) {
            audit(model, command, reason, "refused: " + e.getMessage());
            throw e;
        }
        audit(model, command, reason, result.describe(done));
        return done;
    }

    public void audit(String model, String command, String reason, String result) {
        registry.audit(new AuditEntry(model, clock.millis(), actor, command, reason, result));
    }

    /** How an audited change's result is put into words. */
    @FunctionalInterface
    public interface ResultText<T> {
        String describe(T result);
    }

    @Override
    public void close() {
        disconnectFn.run();
    }
}

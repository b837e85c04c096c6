package dev.hatchery.ops.command;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Refusal;
import dev.hatchery.scorer.MemberServing;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * How far a change of the deployment pointer has reached: the members whose model holders
 * report ({@code member_serving}) that they serve its version at its epoch or later, against the
 * members of the cluster.
 */
record MemberRollout(int serving, int members) {

    boolean complete() {
        return serving >= members;
    }

    static MemberRollout of(HazelcastInstance hazelcast, Deployment deployment) {
        Set<String> live = hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString())
                .collect(Collectors.toSet());
        Collection<MemberServing> reports = ScorerMaps.ReadOnly.memberServing(hazelcast)
                .values(Predicates.equal("model", deployment.model()));
        // A member that left keeps its last report in the map: count only those of members here now.
        int serving = (int) reports.stream().filter(r -> live.contains(r.memberUuid()))
                .filter(r -> r.version() == deployment.version() && r.epoch() >= deployment.epoch()).count();
        return new MemberRollout(serving, live.size());
    }

    /**
     * Waits until every member serves the deployment and returns how long that took from the
     * pointer's change. A member's refusal of the version ends the wait with {@link
     * ExitCode#VERSION_REFUSED}; running out of time with {@link ExitCode#TIMED_OUT}.
     */
    static Duration await(HazelcastInstance hazelcast, Deployment deployment, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ModelRegistry registry = ModelRegistry.on(hazelcast);
        while (true) {
            MemberRollout rollout = of(hazelcast, deployment);
            if (rollout.complete()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Optional<Refusal> refused = registry.refusals(deployment.model()).stream()
                    .filter(r -> r.version() == deployment.version() && r.epoch() == deployment.epoch()).findFirst();
            if (refused.isPresent()) {
                throw new CommandFailure(ExitCode.VERSION_REFUSED, "member " + refused.get().member() + " refused "
                        + deployment.versionKey() + " at epoch " + deployment.epoch() + " (" + refused.get().reason()
                        + "); the version before keeps serving there: roll back, or promote another version");
            }
            if (System.nanoTime() > deadline) {
                throw new CommandFailure(ExitCode.TIMED_OUT, deployment.versionKey() + " is deployed at epoch "
                        + deployment.epoch() + " but only " + rollout.serving() + " of " + rollout.members()
                        + " members serve it after " + timeout.toSeconds() + " s: see './hatchery status --model "
                        + deployment.model() + "' and the members' logs, or wait longer with --wait-timeout");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}

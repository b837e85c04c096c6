package dev.hatchery.bench.hotswap;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.node.LocalCluster;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.MemberServing;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A thousand swaps while a client writes events as fast as it can into three {@code hatchery
 * node} processes, one of which is killed with SIGKILL halfway through. Then every event is
 * audited from the maps: one prediction each, by a deployed version, none lost or scored twice.
 */
final class Integrity {

    private static final String MODEL = "integrity";
    private static final int MEMBERS = 3;

    /**
     * @param replayed    events rescored by the restored job after the kill (overwritten, as designed)
     * @param converged   whether every surviving member serves the last publish
     */
    record Figure(int swaps, int members, boolean memberKilled, long events, long predictions, long lost,
            long duplicated, long replayed, long notDeployed, int executions, boolean converged) {
    }

    private static final int NODE_HEAP_MEGABYTES = 3_072;

    private Integrity() {
    }

    static Figure measure(List<TrainedModel> versions, int swaps) {
        // Every event stays, with its prediction, their journals and backups, on the two survivors:
        // at full load a gigabyte each ran out (2026-11-24, once scoring went faster).
        try (LocalCluster cluster = Members.processes(MEMBERS, "", NODE_HEAP_MEGABYTES)) {
            HazelcastInstance instance = cluster.client();
            ModelRegistry registry = ModelRegistry.on(instance);
            for (TrainedModel version : versions) {
                registry.register(new Registration(MODEL, version, 0, 1.0, "bench"));
            }
            registry.publish(MODEL, 1, "bench", "start");
            EventStream stream = EventStream.start(ScorerMaps.events(instance), MODEL, "i-");
            long lastEpoch = 0;
            int serving = 1;
            for (int swap = 1; swap <= swaps; swap++) {
                if (swap == swaps / 2) {
                    cluster.kill(MEMBERS - 1);
                }
                serving = serving % versions.size() + 1;
                lastEpoch = publishRetrying(registry, serving, swap);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            stream.stop();
            int produced = stream.produced();

            IMap<String, Prediction> predictions = ScorerMaps.predictions(instance);
            Progress progress = new Progress("scoring after the last swap", produced);
            try {
                for (long done = predictions.size(); done < produced; done = predictions.size()) {
                    progress.check(done);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            } catch (IllegalStateException stalled) {
                throw new IllegalStateException(stalled.getMessage() + "; " + unscored(instance, produced), stalled);
            }
            long finalEpoch = lastEpoch;
            boolean converged = waitUntil(() -> ScorerMaps.memberServing(instance).values().stream()
                    .filter(s -> s.model().equals(MODEL) && s.epoch() == finalEpoch)
                    .map(MemberServing::member).distinct().count() == MEMBERS - 1);
            ScoringAudit audit = ScoringAudit.of(instance, IntStream.range(0, produced).mapToObj(i -> "i-" + i)
                    .toList());
            if (audit.journalOverflowed()) {
                throw new IllegalStateException("the predictions journal overflowed: raise jobs.journalCapacity");
            }
            return new Figure(swaps, MEMBERS, true, audit.events(), audit.predictions(), audit.lost(),
                    audit.duplicated(), audit.replayed(), audit.notDeployed(), audit.executions(), converged);
        }
    }

    /** Which events have no prediction, whether the events map holds them and why any was dead-lettered. */
    private static String unscored(HazelcastInstance instance, int produced) {
        Set<String> predicted = ScorerMaps.predictions(instance).keySet();
        IMap<String, Event> events = ScorerMaps.events(instance);
        IMap<String, DeadLetter> deadLetters = ScorerMaps.deadLetters(instance);
        List<String> missing = IntStream.range(0, produced).mapToObj(i -> "i-" + i)
                .filter(id -> !predicted.contains(id)).toList();
        return missing.size() + " events without a prediction: " + missing.stream().limit(10).map(id -> {
            DeadLetter letter = deadLetters.get(DeadLetter.keyOfEvent(id));
            return id + (events.containsKey(id) ? " (in the events map" : " (not in the events map")
                    + (letter == null ? ")" : "; dead letter: " + letter.reason() + ")");
        }).collect(Collectors.joining(", "));
    }

    /** A publish cut off by the member's death may or may not have happened: look before trying again. */
    private static long publishRetrying(ModelRegistry registry, int version, int swap) {
        for (int attempt = 1; ; attempt++) {
            try {
                return registry.publish(MODEL, version, "bench", "swap " + swap).epoch();
            } catch (RuntimeException e) {
                Deployment now = registry.deployment(MODEL).orElseThrow();
                if (now.version() == version) {
                    return now.epoch();
                }
                if (attempt == 10) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return false;
    }
}

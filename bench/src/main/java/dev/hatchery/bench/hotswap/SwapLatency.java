package dev.hatchery.bench.hotswap;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.hatchery.ops.node.LocalCluster;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.MemberServing;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Publish → every member serving the new version, on a cluster of {@code hatchery node}
 * processes, measured by a client: from just before the publish call to the latest of the
 * members' own swap times (each member stamps its swap in the member-serving map). Two
 * versions of each model are published alternately, so every publish after the first two is
 * of a staged version.
 */
final class SwapLatency {

    private static final long PAUSE_MILLIS = 20;
    private static final int WARM_UP_PUBLISHES = 200;
    private static final int SLOWEST_SHOWN = 3;
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * @param staged          share of member swaps that were a flip of a staged version
     * @param warmUpPublishes publishes before the measured ones, on the same cluster and model
     * @param slowest         the slowest publishes: latency, the publish call's own time, each member's swap
     */
    record Figure(int members, String model, int modelBytes, int publishes, double p50Millis, double p99Millis,
            double maxMillis, double staged, int warmUpPublishes, List<String> slowest) {
    }

    /** A model's two versions, published in turn. */
    record Pair(String kind, TrainedModel first, TrainedModel second) {
    }

    private SwapLatency() {
    }

    /** @param warmUpSeconds the least time each model is published for before the measured publishes */
    static List<Figure> measure(int members, int publishes, int warmUpSeconds, List<Pair> pairs) {
        List<Figure> figures = new ArrayList<>();
        try (LocalCluster cluster = Members.processes(members, "")) {
            HazelcastInstance client = cluster.client();
            ModelRegistry registry = ModelRegistry.on(client);
            for (Pair pair : pairs) {
                figures.add(measure(client, registry, members, publishes, warmUpSeconds, pair));
            }
        }
        return figures;
    }

    private static Figure measure(HazelcastInstance client, ModelRegistry registry, int members, int publishes,
            int warmUpSeconds, Pair pair) {
        String model = "swap-" + pair.kind() + "-" + UUID.randomUUID().toString().substring(0, 6);
        ModelVersion first = registry.register(new Registration(model, pair.first(), 0, 1.0, "bench"));
        ModelVersion second = registry.register(new Registration(model, pair.second(), 0, 1.0, "bench"));
        IMap<String, MemberServing> serving = ScorerMaps.memberServing(client);
        LinkedBlockingQueue<MemberServing> swaps = new LinkedBlockingQueue<>();
        var listener = new SwapListener(model, swaps);
        var registration = serving.addEntryListener(listener, true);
        try {
            // Warm-up: every member loads both versions, and the JIT compiles the paths of four
            // fresh JVMs. A count alone was not enough: 200 publishes took 5 s, while each node's C2
            // compiler still used a quarter of a core 55 s after its start, and in five runs of six
            // the first model measured on a new cluster had 1.8 to 3.2 times the p99 of the second.
            long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
            int warmUp = 0;
            while (warmUp < WARM_UP_PUBLISHES || System.nanoTime() < warmUntil) {
                // In pairs, so that the measured publishes start with the first version again.
                publishAndWait(registry, model, first.version(), members, swaps);
                publishAndWait(registry, model, second.version(), members, swaps);
                warmUp += 2;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
            }
            List<Reached> measured = new ArrayList<>();
            for (int i = 0; i < publishes; i++) {
                measured.add(publishAndWait(registry, model, i % 2 == 0 ? first.version() : second.version(),
                        members, swaps));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
            }
            Distribution d = Distribution.of(measured.stream().map(Reached::millis).toList());
            long staged = measured.stream().flatMap(r -> r.swaps().stream()).filter(MemberServing::staged).count();
            List<String> slowest = measured.stream().sorted(Comparator.comparingDouble(Reached::millis).reversed())
                    .limit(SLOWEST_SHOWN).map(Reached::describe).toList();
            return new Figure(members, pair.kind(), first.sizeBytes(), publishes, d.percentile(50), d.percentile(99),
                    d.max(), (double) staged / ((long) publishes * members), warmUp, slowest);
        } finally {
            serving.removeEntryListener(registration);
        }
    }

    /**
     * What every member reported for one publish that started at {@code startMicros}; the publish
     * call itself returned {@code callMicros} later (it writes the history after the pointer).
     */
    private record Reached(long startMicros, long callMicros, List<MemberServing> swaps) {
        double millis() {
            long latest = swaps.stream().mapToLong(MemberServing::activatedAtMicros).max().orElseThrow();
            return (latest - startMicros) / 1_000.0;
        }

        /** Where a slow publish lost its time: all members late alike means before the pointer's event left. */
        String describe() {
            return String.format(Locale.ROOT, "%.1f ms (publish call %.1f ms; members at %s ms)", millis(),
                    callMicros / 1_000.0, swaps.stream().map(m -> String.format(Locale.ROOT, "+%.1f",
                            (m.activatedAtMicros() - startMicros) / 1_000.0)).collect(Collectors.joining(" ")));
        }
    }

    /** Publishes and returns once every member has swapped to it. */
    private static Reached publishAndWait(ModelRegistry registry, String model, int version, int members,
            LinkedBlockingQueue<MemberServing> swaps) {
        swaps.clear();
        long startMicros = nowMicros();
        Deployment deployment = registry.publish(model, version, "bench", "swap latency");
        long callMicros = nowMicros() - startMicros;
        List<MemberServing> reached = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (reached.size() < members) {
            MemberServing swap;
            try {
                swap = swaps.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (swap == null) {
                throw new IllegalStateException(reached.size() + " of " + members + " members serve epoch "
                        + deployment.epoch() + " of '" + model + "' after " + TIMEOUT_SECONDS + " s");
            }
            if (swap.epoch() == deployment.epoch()) {
                reached.add(swap);
            }
        }
        return new Reached(startMicros, callMicros, reached);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private record SwapListener(String model, LinkedBlockingQueue<MemberServing> swaps)
            implements EntryAddedListener<String, MemberServing>, EntryUpdatedListener<String, MemberServing> {
        @Override
        public void entryAdded(EntryEvent<String, MemberServing> event) {
            offer(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, MemberServing> event) {
            offer(event.getValue());
        }

        private void offer(MemberServing value) {
            if (value.model().equals(model)) {
                swaps.add(value);
            }
        }
    }
}

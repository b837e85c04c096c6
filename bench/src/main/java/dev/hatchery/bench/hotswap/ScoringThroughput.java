package dev.hatchery.bench.hotswap;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Events per second of the scoring job, end to end from the events map's journal into the
 * predictions map, beside plain Java loops calling the same model on the same rows: one thread,
 * and one thread per core. The loops call the model as the holder serves it, decoded from its
 * registered bytes (a decoded forest can predict up to 1.7 times slower than the object its
 * training built). To show where the job's time goes it also runs the job's first two stages
 * alone (journal → score) into a counter. Every run is warmed up before it is timed: the loops
 * for a few seconds, the jobs on a first share of the events.
 */
final class ScoringThroughput {

    private static final String MODEL = "throughput";
    private static final int PREFILL_BATCH = 10_000;
    private static final long POLL_MILLIS = 50;
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Counts what reaches the bench's own sink; one job at a time. */
    private static final AtomicLong SCORED = new AtomicLong();

    /**
     * @param loopEventsPerSecond   the one-thread loop: the mean of its runs just before and just after the job's
     * @param loopBeforeEventsPerSecond the one-thread loop run just before the job
     * @param loopAfterEventsPerSecond  the one-thread loop run just after it: far from the one before, the
     *                              machine's speed changed while the job ran
     * @param cores                 the cores the job used: process CPU time over wall time while it ran
     * @param machineCores          the machine's cores
     * @param ratioPerCore          jet / (loop × machine cores)
     * @param parallelLoopEventsPerSecond the loop on every core at once: what the machine can do at best
     * @param scoreOnlyEventsPerSecond    the job's journal and score stages alone, no map writes
     */
    record Figure(String algorithm, double jetEventsPerSecond, double loopEventsPerSecond, double cores,
            int machineCores, double ratioPerCore, double parallelLoopEventsPerSecond, double scoreOnlyEventsPerSecond,
            int modelBytes, double loopBeforeEventsPerSecond, double loopAfterEventsPerSecond) {
    }

    private record JetRun(double eventsPerSecond, double cores) {
    }

    private ScoringThroughput() {
    }

    static Figure measure(Algorithm algorithm, TrainedModel model, double[][] rows, int warmUpEvents) {
        byte[] bytes = ModelCodec.encode(model);
        TrainedModel served = ModelCodec.decode(bytes, ModelCodec.sha256(bytes));
        int cores = Runtime.getRuntime().availableProcessors();
        double parallel = loopRate(served, rows, cores);
        // The loop right before and right after the job: this shared machine's speed drifts by tens
        // of percent within minutes, and a loop timed a while before the job skewed the ratio.
        double loopBefore = loopRate(served, rows, 1);
        JetRun full = jetRate(model, rows, warmUpEvents, false);
        double loopAfter = loopRate(served, rows, 1);
        JetRun scoreOnly = jetRate(model, rows, warmUpEvents, true);
        double loop = (loopBefore + loopAfter) / 2;
        return new Figure(algorithm.id(), full.eventsPerSecond(), loop, full.cores(), cores,
                full.eventsPerSecond() / (loop * cores), parallel, scoreOnly.eventsPerSecond(), bytes.length,
                loopBefore, loopAfter);
    }

    /** Events per second of {@code threads} threads each predicting every row; the best of three timed passes. */
    private static double loopRate(TrainedModel model, double[][] rows, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            while (System.nanoTime() < warmUpEnd) {
                pass(pool, model, rows, threads);
            }
            double best = 0;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                pass(pool, model, rows, threads);
                best = Math.max(best, (double) rows.length * threads / ((System.nanoTime() - start) / 1e9));
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pass(ExecutorService pool, TrainedModel model, double[][] rows, int threads) {
        List<Future<Long>> passes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            passes.add(pool.submit(() -> {
                long checksum = 0;
                for (double[] row : rows) {
                    checksum += model.predict(row).index();
                }
                return checksum;
            }));
        }
        try {
            for (Future<Long> done : passes) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Writes the warm-up events and the timed ones, starts the job, and times the timed ones: from
     * when the warm-up events are all done to when every event is.
     */
    private static JetRun jetRate(TrainedModel model, double[][] rows, int warmUpEvents, boolean scoreOnly) {
        int total = warmUpEvents + rows.length;
        // Journals are split over the partitions: room for several times the events, so none is overwritten.
        try (HatcheryNode node = Members.embedded(Math.max(2_000_000, 4 * total))) {
            HazelcastInstance member = node.hazelcast();
            ModelRegistry registry = ModelRegistry.on(member);
            int version = registry.register(new Registration(MODEL, model, 0, 1.0, "bench")).version();
            registry.publish(MODEL, version, "bench", "throughput");
            while (ModelHolder.of(member).serving(MODEL).isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            IMap<String, Event> events = ScorerMaps.events(member);
            Map<String, Event> batch = new HashMap<>();
            for (int i = 0; i < total; i++) {
                batch.put("e-" + i, new Event("e-" + i, MODEL, rows[i % rows.length], i));
                if (batch.size() == PREFILL_BATCH || i == total - 1) {
                    events.putAll(batch);
                    batch.clear();
                }
            }
            Job job;
            LongSupplier done;
            if (scoreOnly) {
                SCORED.set(0);
                Pipeline pipeline = Pipeline.create();
                ScoringPipeline.scored(pipeline).writeTo(counter());
                job = member.getJet().newJob(pipeline);
                done = SCORED::get;
            } else {
                job = ScoringPipeline.submit(member, node.config().jobs());
                IMap<String, ?> predictions = ScorerMaps.predictions(member);
                done = predictions::size;
            }
            Progress warming = new Progress("the warm-up", warmUpEvents);
            long count;
            while ((count = done.getAsLong()) < warmUpEvents) {
                warming.check(count);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            long startCount = count;
            long start = System.nanoTime();
            long cpuStart = PROCESS.getProcessCpuTime();
            Progress progress = new Progress("the scoring job", total);
            while ((count = done.getAsLong()) < total) {
                progress.check(count);
                // Counting asks every partition: often enough to time a run of seconds, no more.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            long elapsed = System.nanoTime() - start;
            double cores = (double) (PROCESS.getProcessCpuTime() - cpuStart) / elapsed;
            job.cancel();
            return new JetRun((total - startCount) / (elapsed / 1e9), cores);
        }
    }

    private static Sink<Object> counter() {
        return SinkBuilder.sinkBuilder("count", context -> SCORED)
                .<Object>receiveFn((scored, item) -> scored.incrementAndGet())
                .build();
    }
}

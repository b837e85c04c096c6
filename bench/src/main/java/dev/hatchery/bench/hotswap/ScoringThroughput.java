package dev.hatchery.bench.hotswap;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Events per second of the scoring job, end to end from the events map's journal into the
 * predictions map, beside a plain single-thread loop calling the same model on the same rows.
 * The loop calls the model as the holder serves it: decoded from its registered bytes (a
 * decoded forest predicts up to 1.7 times slower than the object its training built, so
 * comparing against that one would flatter nobody). The job's events are all written before
 * it starts, so it runs flat out; its rate is taken from its first prediction to its last, and
 * the cores it used from this process's CPU time over the same span.
 */
final class ScoringThroughput {

    private static final String MODEL = "throughput";
    private static final int PREFILL_BATCH = 10_000;
    private static final long POLL_MILLIS = 50;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * @param cores         the cores the job used: process CPU time over wall time while it ran
     * @param machineCores  the cores of the machine
     * @param ratioPerCore  jet / (loop × machine cores)
     */
    record Figure(String algorithm, double jetEventsPerSecond, double loopEventsPerSecond, double cores,
            int machineCores, double ratioPerCore, int modelBytes) {
    }

    private record JetRun(double eventsPerSecond, double cores) {
    }

    private ScoringThroughput() {
    }

    static Figure measure(Algorithm algorithm, TrainedModel model, double[][] rows) {
        byte[] bytes = ModelCodec.encode(model);
        double loop = loopRate(ModelCodec.decode(bytes, ModelCodec.sha256(bytes)), rows);
        JetRun jet = jetRate(model, rows);
        int cores = Runtime.getRuntime().availableProcessors();
        return new Figure(algorithm.id(), jet.eventsPerSecond(), loop, jet.cores(), cores,
                jet.eventsPerSecond() / (loop * cores), bytes.length);
    }

    /** The best of three passes after a warm-up pass: the loop at its fastest. */
    private static double loopRate(TrainedModel model, double[][] rows) {
        long checksum = 0;
        double best = 0;
        for (int pass = 0; pass < 4; pass++) {
            long start = System.nanoTime();
            for (double[] row : rows) {
                checksum += model.predict(row).index();
            }
            double rate = rows.length / ((System.nanoTime() - start) / 1e9);
            if (pass > 0) {
                best = Math.max(best, rate);
            }
        }
        if (checksum == Long.MIN_VALUE) {
            System.out.println("unreachable: keeps the loop's results alive");
        }
        return best;
    }

    private static JetRun jetRate(TrainedModel model, double[][] rows) {
        // Journals are split over 271 partitions: room for several times the events, so none is overwritten.
        try (HatcheryNode node = Members.embedded(Math.max(2_000_000, 4 * rows.length))) {
            HazelcastInstance member = node.hazelcast();
            ModelRegistry registry = ModelRegistry.on(member);
            int version = registry.register(new Registration(MODEL, model, 0, 1.0, "bench")).version();
            registry.publish(MODEL, version, "bench", "throughput");
            while (ModelHolder.of(member).serving(MODEL).isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            IMap<String, Event> events = ScorerMaps.events(member);
            Map<String, Event> batch = new HashMap<>();
            for (int i = 0; i < rows.length; i++) {
                batch.put("e-" + i, new Event("e-" + i, MODEL, rows[i], i));
                if (batch.size() == PREFILL_BATCH || i == rows.length - 1) {
                    events.putAll(batch);
                    batch.clear();
                }
            }
            IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
            Job job = ScoringPipeline.submit(member, node.config().jobs());
            int first;
            while ((first = predictions.size()) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            long start = System.nanoTime();
            long cpuStart = PROCESS.getProcessCpuTime();
            Progress progress = new Progress("the scoring job", rows.length);
            for (int done = first; done < rows.length; done = predictions.size()) {
                progress.check(done);
                // Counting asks every partition: often enough to time a run of seconds, no more.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            long elapsed = System.nanoTime() - start;
            double cores = (double) (PROCESS.getProcessCpuTime() - cpuStart) / elapsed;
            job.cancel();
            return new JetRun((rows.length - first) / (elapsed / 1e9), cores);
        }
    }
}

package dev.hatchery.bench.hotswap;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The longest stretch with no event scored around a redeploy, while events stream at full
 * speed into one embedded member: a hot swap (publish) against the naive way (cancel the job,
 * submit a new one that carries the new model). Gaps are between consecutive distinct scoring
 * times of the predictions, in milliseconds; the baseline is the p99 gap away from any swap.
 */
final class ScoringGap {

    private static final String MODEL = "gap";
    private static final int BATCH = 500;
    private static final long SWAP_EVERY_MILLIS = 250;
    private static final long REDEPLOY_EVERY_MILLIS = 1_000;
    /** How far after a swap a gap still counts as the swap's. */
    private static final long WINDOW_MILLIS = 300;

    /**
     * @param hotGapMillis   the median over swaps of the longest gap around each
     * @param naiveGapMillis the median over redeploys of the longest gap around each
     * @param baselineWindowGapMillis the median over windows without a swap (as long as a swap's
     *                       window) of the longest gap in each: what {@code hotGapMillis} compares with
     * @param naiveLost      events written while the naive redeploy had no job reading: the new job
     *                       starts from the journal's current end, as a redeploy without a snapshot does
     */
    record Figure(double hotGapMillis, double hotMaxGapMillis, double naiveGapMillis, double naiveMaxGapMillis,
            double baselineP99GapMillis, double baselineMaxGapMillis, double baselineWindowGapMillis,
            double baselineWindowP90GapMillis, int swaps, int naiveRedeploys, long naiveLost) {
    }

    private ScoringGap() {
    }

    static Figure measure(TrainedModel first, TrainedModel second, int swaps, int redeploys) {
        try (HatcheryNode node = Members.embedded(8_000_000)) {
            HazelcastInstance member = node.hazelcast();
            ModelRegistry registry = ModelRegistry.on(member);
            int a = registry.register(new Registration(MODEL, first, 0, 1.0, "bench")).version();
            int b = registry.register(new Registration(MODEL, second, 0, 1.0, "bench")).version();
            registry.publish(MODEL, a, "bench", "start");
            Job job = ScoringPipeline.submit(member, node.config().jobs());
            while (ModelHolder.of(member).serving(MODEL).isEmpty()) {
                sleep(10);
            }

            List<Long> swapTimes = new ArrayList<>();
            Stream hot = Stream.start(member, "h-");
            sleep(2_000);
            for (int i = 0; i < swaps; i++) {
                sleep(SWAP_EVERY_MILLIS);
                swapTimes.add(System.currentTimeMillis());
                registry.publish(MODEL, i % 2 == 0 ? b : a, "bench", "gap");
            }
            sleep(1_000);
            hot.stop();
            awaitScored(member, hot.produced());
            List<Long> hotTimes = scoredTimes(member, "h-");

            List<Long> redeployTimes = new ArrayList<>();
            Stream naive = Stream.start(member, "n-");
            sleep(2_000);
            for (int i = 0; i < redeploys; i++) {
                sleep(REDEPLOY_EVERY_MILLIS);
                Deployment next = registry.publish(MODEL, i % 2 == 0 ? b : a, "bench", "naive");
                redeployTimes.add(System.currentTimeMillis());
                job.cancel();
                try {
                    job.join();
                } catch (RuntimeException cancelled) {
                    // A cancelled job ends with a CancellationException: that is the point.
                }
                job = member.getJet().newJob(naivePipeline(registry.load(MODEL, next.version()), next),
                        new JobConfig().setName("naive-" + i));
            }
            sleep(2_000);
            naive.stop();
            job.cancel();
            List<Long> naiveTimes = scoredTimes(member, "n-");

            List<Double> hotGaps = gapsAround(hotTimes, swapTimes);
            List<Double> naiveGaps = gapsAround(naiveTimes, redeployTimes);
            Distribution baseline = Distribution.of(gapsAway(hotTimes, swapTimes));
            Distribution windows = Distribution.of(gapsAround(hotTimes, quietWindows(hotTimes, swapTimes)));
            Distribution hotDistribution = Distribution.of(hotGaps);
            Distribution naiveDistribution = Distribution.of(naiveGaps);
            return new Figure(hotDistribution.percentile(50), hotDistribution.max(), naiveDistribution.percentile(50),
                    naiveDistribution.max(), baseline.percentile(99), baseline.max(), windows.percentile(50),
                    windows.percentile(90), swaps, redeploys,
                    naive.produced() - naiveTimes.size());
        }
    }

    /**
     * What a redeploy without Hatchery looks like: a job with the model inside, reading the
     * journal from its end (the old job's position is not carried over without a snapshot).
     */
    private static Pipeline naivePipeline(TrainedModel model, Deployment deployment) {
        int version = deployment.version();
        long epoch = deployment.epoch();
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(Sources.<String, Event>mapJournal(ScorerMaps.EVENTS, JournalInitialPosition.START_FROM_CURRENT))
                .withoutTimestamps()
                .map(entry -> {
                    Event event = entry.getValue();
                    PredictedClass predicted = model.predict(event.features());
                    return new Prediction(event.id(), event.model(), version, epoch,
                            predicted.index(), model.classes().get(predicted.index()), predicted.probability(),
                            event.features(), event.timeMillis(), System.currentTimeMillis(), 0, 0);
                })
                .writeTo(Sinks.map(ScorerMaps.PREDICTIONS, Prediction::eventId, prediction -> prediction));
        return pipeline;
    }

    /** For each swap, the longest gap that ends after it and starts within the window after it. */
    static List<Double> gapsAround(List<Long> sortedTimes, List<Long> swapTimes) {
        List<Double> gaps = new ArrayList<>();
        for (long swap : swapTimes) {
            double longest = 0;
            for (int i = 1; i < sortedTimes.size(); i++) {
                long before = sortedTimes.get(i - 1);
                long after = sortedTimes.get(i);
                if (after >= swap && before <= swap + WINDOW_MILLIS) {
                    longest = Math.max(longest, after - before);
                }
            }
            gaps.add(longest);
        }
        return gaps;
    }

    /**
     * Starts of windows as long as a swap's that overlap no swap's window: the longest gap in
     * each is what a window with a swap is compared with.
     */
    static List<Long> quietWindows(List<Long> sortedTimes, List<Long> swapTimes) {
        List<Long> starts = new ArrayList<>();
        long first = sortedTimes.getFirst() + WINDOW_MILLIS;
        long last = sortedTimes.getLast() - 2 * WINDOW_MILLIS;
        for (long start = first; start < last; start += WINDOW_MILLIS) {
            long from = start;
            if (swapTimes.stream().noneMatch(swap -> swap < from + 2 * WINDOW_MILLIS && swap + 2 * WINDOW_MILLIS > from)) {
                starts.add(start);
            }
        }
        return starts;
    }

    /** Every gap that overlaps no swap's window. */
    static List<Double> gapsAway(List<Long> sortedTimes, List<Long> swapTimes) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < sortedTimes.size(); i++) {
            long before = sortedTimes.get(i - 1);
            long after = sortedTimes.get(i);
            boolean nearSwap = swapTimes.stream().anyMatch(swap -> after >= swap && before <= swap + WINDOW_MILLIS);
            if (!nearSwap && after > before) {
                gaps.add((double) (after - before));
            }
        }
        return gaps;
    }

    private static List<Long> scoredTimes(HazelcastInstance member, String prefix) {
        Collection<Prediction> all = ScorerMaps.predictions(member).values();
        return all.stream().filter(p -> p.eventId().startsWith(prefix)).map(Prediction::scoredAtMillis).sorted()
                .toList();
    }

    private static void awaitScored(HazelcastInstance member, int produced) {
        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        Progress progress = new Progress("scoring of the stream", produced);
        for (long done = predictions.size(); done < produced; done = predictions.size()) {
            progress.check(done);
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Events written at full speed by one thread until stopped. */
    private record Stream(AtomicBoolean running, AtomicInteger count, CompletableFuture<Void> done) {

        static Stream start(HazelcastInstance member, String prefix) {
            IMap<String, Event> events = ScorerMaps.events(member);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger count = new AtomicInteger();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                double[][] rows = BenchModels.events(10_000, 3);
                Map<String, Event> batch = new HashMap<>();
                while (running.get()) {
                    for (int i = 0; i < BATCH; i++) {
                        int n = count.get() + i;
                        batch.put(prefix + n, new Event(prefix + n, MODEL, rows[n % rows.length], n));
                    }
                    events.putAll(batch);
                    count.addAndGet(batch.size());
                    batch.clear();
                }
            });
            return new Stream(running, count, done);
        }

        void stop() {
            running.set(false);
            done.join();
        }

        int produced() {
            return count.get();
        }
    }
}

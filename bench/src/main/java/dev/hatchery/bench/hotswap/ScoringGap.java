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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The stretch with no event scored around a redeploy, while events stream at full speed into
 * one embedded member: a hot swap (publish) against the naive way (cancel the job, submit a new
 * one that carries the new model). A redeploy's gap is the longer of the two gaps between
 * scoring times (milliseconds) on either side of the first prediction stamped with the new
 * epoch: for a naive redeploy, from the old job's last prediction to the new job's first. The
 * baseline is every gap between consecutive scoring times away from any redeploy.
 */
final class ScoringGap {

    private static final String MODEL = "gap";
    private static final long SWAP_EVERY_MILLIS = 250;
    private static final long REDEPLOY_EVERY_MILLIS = 1_000;
    /** Gaps this close to a switchover are left out of the baseline. */
    private static final long NEAR_MILLIS = 300;

    /**
     * @param hotGapMillis   the median over swaps of the gap around each; {@code hotMaxGapMillis} the longest
     * @param naiveGapMillis the median over redeploys of the gap around each; {@code naiveMaxGapMillis} the longest
     * @param baselineP99GapMillis the p99 of the gaps between consecutive scoring times away from any redeploy
     * @param naiveLost      events written while the naive redeploy had no job reading: the new job
     *                       starts from the journal's current end, as a redeploy without a snapshot does
     */
    record Figure(double hotGapMillis, double hotMaxGapMillis, double naiveGapMillis, double naiveMaxGapMillis,
            double baselineP99GapMillis, double baselineMaxGapMillis, int swaps, int naiveRedeploys, long naiveLost) {
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

            List<Long> swapEpochs = new ArrayList<>();
            EventStream hot = EventStream.start(ScorerMaps.events(member), MODEL, "h-");
            sleep(2_000);
            for (int i = 0; i < swaps; i++) {
                sleep(SWAP_EVERY_MILLIS);
                swapEpochs.add(registry.publish(MODEL, i % 2 == 0 ? b : a, "bench", "gap").epoch());
            }
            sleep(1_000);
            hot.stop();
            awaitScored(member, hot.produced());
            List<Scored> hotScored = scored(member, "h-");

            List<Long> redeployEpochs = new ArrayList<>();
            EventStream naive = EventStream.start(ScorerMaps.events(member), MODEL, "n-");
            sleep(2_000);
            for (int i = 0; i < redeploys; i++) {
                sleep(REDEPLOY_EVERY_MILLIS);
                Deployment next = registry.publish(MODEL, i % 2 == 0 ? b : a, "bench", "naive");
                TrainedModel model = registry.load(MODEL, next.version());
                redeployEpochs.add(next.epoch());
                job.cancel();
                try {
                    job.join();
                } catch (RuntimeException cancelled) {
                    // A cancelled job ends with a CancellationException: that is the point.
                }
                job = member.getJet().newJob(naivePipeline(model, next), new JobConfig().setName("naive-" + i));
            }
            sleep(2_000);
            naive.stop();
            job.cancel();
            List<Scored> naiveScored = scored(member, "n-");

            Distribution hotGaps = Distribution.of(switchoverGaps(hotScored, swapEpochs));
            Distribution naiveGaps = Distribution.of(switchoverGaps(naiveScored, redeployEpochs));
            Distribution baseline = Distribution.of(gapsAway(hotScored, swapEpochs));
            return new Figure(hotGaps.percentile(50), hotGaps.max(), naiveGaps.percentile(50), naiveGaps.max(),
                    baseline.percentile(99), baseline.max(), swaps, redeploys, naive.produced() - naiveScored.size());
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
                            predicted.posterior(), event.features(), event.timeMillis(), System.currentTimeMillis(), 0, 0);
                })
                .writeTo(Sinks.map(ScorerMaps.PREDICTIONS, Prediction::eventId, prediction -> prediction));
        return pipeline;
    }

    /** When a prediction was made, and by which epoch. */
    record Scored(long atMillis, long epoch) {
    }

    /** For each epoch, the longer gap on either side of its first prediction. */
    static List<Double> switchoverGaps(List<Scored> byTime, List<Long> epochs) {
        List<Double> gaps = new ArrayList<>();
        for (long epoch : epochs) {
            int first = firstOf(byTime, epoch);
            if (first < 0) {
                continue;
            }
            long at = byTime.get(first).atMillis();
            long before = at;
            for (int i = first - 1; i >= 0 && before == at; i--) {
                before = byTime.get(i).atMillis();
            }
            long after = at;
            for (int i = first + 1; i < byTime.size() && after == at; i++) {
                after = byTime.get(i).atMillis();
            }
            gaps.add((double) Math.max(at - before, after - at));
        }
        return gaps;
    }

    private static int firstOf(List<Scored> byTime, long epoch) {
        for (int i = 0; i < byTime.size(); i++) {
            if (byTime.get(i).epoch() == epoch) {
                return i;
            }
        }
        return -1;
    }

    /** Every positive gap between consecutive scoring times that is not near a switchover. */
    static List<Double> gapsAway(List<Scored> byTime, List<Long> epochs) {
        List<Long> switchovers = epochs.stream().mapToInt(epoch -> firstOf(byTime, epoch)).filter(i -> i >= 0)
                .mapToObj(i -> byTime.get(i).atMillis()).toList();
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < byTime.size(); i++) {
            long before = byTime.get(i - 1).atMillis();
            long after = byTime.get(i).atMillis();
            boolean near = switchovers.stream().anyMatch(t -> after >= t - NEAR_MILLIS && before <= t + NEAR_MILLIS);
            if (!near && after > before) {
                gaps.add((double) (after - before));
            }
        }
        return gaps;
    }

    private static List<Scored> scored(HazelcastInstance member, String prefix) {
        Collection<Prediction> all = ScorerMaps.predictions(member).values();
        return all.stream().filter(p -> p.eventId().startsWith(prefix))
                .map(p -> new Scored(p.scoredAtMillis(), p.epoch()))
                .sorted(Comparator.comparingLong(Scored::atMillis)).toList();
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
}

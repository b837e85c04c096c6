package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.drift.DdmSettings;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A steady stream of predictions and labels does not grow the feedback maps without bound. */
@Tag("slow")
class RetentionTests {

    private static final String MODEL = "steady";
    private static final long HORIZON_MILLIS = 1_000;
    private static final long RETENTION_MILLIS = 2_000;

    private HazelcastInstance member;

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void theFeedbackMapsLevelOffUnderASteadyStream() {
        FeedbackSettings settings = new FeedbackSettings(HORIZON_MILLIS, DdmSettings.DEFAULTS, 1_000, 250, 500, 0.05,
                new QualityWindows(500, 0, 0), RETENTION_MILLIS, Map.of(), DataDriftSettings.DEFAULTS, Map.of());
        member = TestMembers.standalone(config -> {
            // Expired entries are gone for readers at once, but swept from memory by a background
            // task that visits a few partitions every 5 s: under a steady stream a map holds about
            // (retention + one full sweep) of entries. Here it sweeps every partition each second,
            // so that a test of seconds can tell "levels off" from "grows".
            config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "1");
            config.setProperty("hazelcast.internal.map.expiration.cleanup.percentage", "100");
            config.setProperty("hazelcast.internal.map.expiration.cleanup.operation.count", "271");
            ScorerMaps.configure(config, 1_000_000);
            FeedbackMaps.configure(config, 1_000_000, settings);
        });
        ModelRegistry.on(member).register(new Registration(MODEL, FeedbackPipelineTests.model(), 10, 1.0, "test"));
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        List<IMap<String, ?>> maps = List.of(FeedbackMaps.labels(member), FeedbackMaps.outcomes(member),
                FeedbackMaps.quality(member), FeedbackMaps.labelCounts(member));

        long start = System.nanoTime();
        int sent = stream(0, 6_000);
        int[] largest = new int[maps.size()];
        // The second half: the maps are sampled every 100 ms as the stream goes on.
        sent += stream(sent, 6_000, () -> {
            for (int i = 0; i < maps.size(); i++) {
                largest[i] = Math.max(largest[i], maps.get(i).size());
            }
        });
        double perSecond = sent / ((System.nanoTime() - start) / 1e9);

        // What each map may hold: what came in over the time it keeps entries, plus three seconds
        // for the sweep (TTLs are whole seconds, swept each second; two were once 2 % short).
        // Quality rows: two windows a second (500 ms) of the one version. Kept forever, the
        // labels alone would reach 10,000 by the end.
        double sweepSeconds = 3;
        double[] bound = {perSecond * (HORIZON_MILLIS / 1e3 + sweepSeconds),
                perSecond * (RETENTION_MILLIS / 1e3 + sweepSeconds), 2 * (RETENTION_MILLIS / 1e3 + sweepSeconds) + 2, 1};
        for (int i = 0; i < maps.size(); i++) {
            assertThat((double) largest[i]).as("%s at most, with %,.0f events a second", maps.get(i).getName(), perSecond)
                    .isLessThanOrEqualTo(bound[i]);
        }
        assertThat(largest[1]).as("outcomes of %d labelled events", sent).isLessThan(sent / 2).isGreaterThan(0);
    }

    private int stream(int firstId, long millis) {
        return stream(firstId, millis, () -> {
        });
    }

    /** Writes 100 predictions and their labels every 100 ms for the given time; returns how many. */
    private int stream(int firstId, long millis, Runnable everyBatch) {
        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        IMap<String, Label> labels = FeedbackMaps.labels(member);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int id = firstId;
        while (System.nanoTime() < end) {
            Map<String, Prediction> batch = new HashMap<>();
            Map<String, Label> truth = new HashMap<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < 100; i++, id++) {
                String eventId = "s" + id;
                batch.put(eventId, new Prediction(eventId, MODEL, 1, 1, id % 2, id % 2 == 0 ? "cat" : "dog", 0.9,
                        new double[] {0.9, 0.1}, new double[] {id % 2}, now, now, 1, 1));
                truth.put(eventId, new Label(eventId, MODEL, "cat", now));
            }
            predictions.putAll(batch);
            labels.putAll(truth);
            everyBatch.run();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return id - firstId;
    }
}

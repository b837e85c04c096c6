package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ShadowPrediction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges a shadow version against the champion on the events both scored: the shadow's
 * predictions (scorer's {@code shadow_predictions}) joined by event id with the outcomes of the
 * champion's served predictions (feedback's {@code outcomes}). An event counts only if the
 * champion served it, per both records, and its label has come; so a trial that spans a
 * change of champion is judged against one champion at a time.
 *
 * <p>Runs on the caller: it reads the trial's event ids, then both maps in batches of
 * {@value #BATCH}, so it holds the ids of one trial (bounded by the shadow retention) and never
 * more than one batch of records.
 */
public final class ShadowTrial {

    private static final int BATCH = 2_000;

    private ShadowTrial() {
    }

    /** The score of {@code shadowVersion} against {@code championVersion} on every event both predicted that has a label. */
    public static ShadowScore score(HazelcastInstance hazelcast, String model, int shadowVersion, int championVersion) {
        IMap<String, ShadowPrediction> shadows = ScorerMaps.shadowPredictions(hazelcast);
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(hazelcast);
        Tally tally = new Tally();
        List<String> ids = new ArrayList<>(ScorerMaps.shadowPredictionIds(hazelcast, model, shadowVersion));
        for (int from = 0; from < ids.size(); from += BATCH) {
            Set<String> batch = new HashSet<>(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            Map<String, ShadowPrediction> shadowed = shadows.getAll(batch);
            Map<String, Outcome> judged = outcomes.getAll(batch);
            for (String id : batch) {
                tally.add(shadowed.get(id), judged.get(id), model, shadowVersion, championVersion);
            }
        }
        return tally.score();
    }

    /** Counts as it goes, so that no pair is kept. */
    private static final class Tally {
        private int paired;
        private int championCorrect;
        private int shadowCorrect;
        private int championOnly;
        private int shadowOnly;

        void add(@Nullable ShadowPrediction shadow, @Nullable Outcome outcome, String model, int shadowVersion,
                int championVersion) {
            // Either may have expired since the ids were read, or the label not have come yet.
            if (shadow == null || outcome == null || !shadow.model().equals(model) || !outcome.model().equals(model)
                    || shadow.shadowVersion() != shadowVersion || shadow.servingVersion() != championVersion
                    || outcome.version() != championVersion) {
                return;
            }
            boolean champion = outcome.correct();
            // By label, not class index: two versions need not list their classes in the same order.
            boolean challenger = shadow.predictedLabel().equals(outcome.trueLabel());
            paired++;
            championCorrect += champion ? 1 : 0;
            shadowCorrect += challenger ? 1 : 0;
            championOnly += champion && !challenger ? 1 : 0;
            shadowOnly += challenger && !champion ? 1 : 0;
        }

        ShadowScore score() {
            return new ShadowScore(paired, championCorrect, shadowCorrect, championOnly, shadowOnly);
        }
    }
}

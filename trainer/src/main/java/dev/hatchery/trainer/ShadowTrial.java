package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.core.HazelcastInstance;
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
    public static HeadToHead score(HazelcastInstance hazelcast, String model, int shadowVersion, int championVersion) {
        ReadOnlyMap<String, ShadowPrediction> shadows = ScorerMaps.ReadOnly.shadowPredictions(hazelcast);
        ReadOnlyMap<String, Outcome> outcomes = FeedbackMaps.ReadOnly.outcomes(hazelcast);
        HeadToHead.Tally tally = new HeadToHead.Tally();
        List<String> ids = new ArrayList<>(ScorerMaps.shadowPredictionIds(hazelcast, model, shadowVersion));
        for (int from = 0; from < ids.size(); from += BATCH) {
            Set<String> batch = new HashSet<>(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            Map<String, ShadowPrediction> shadowed = shadows.getAll(batch);
            Map<String, Outcome> judged = outcomes.getAll(batch);
            for (String id : batch) {
                add(tally, shadowed.get(id), judged.get(id), model, shadowVersion, championVersion);
            }
        }
        return tally.result();
    }

    /** Counts a pair if the shadow prediction and the outcome are of this trial: either may have expired, or the label not come yet. */
    private static void add(HeadToHead.Tally tally, @Nullable ShadowPrediction shadow, @Nullable Outcome outcome,
            String model, int shadowVersion, int championVersion) {
        if (shadow == null || outcome == null || !shadow.model().equals(model) || !outcome.model().equals(model)
                || shadow.shadowVersion() != shadowVersion || shadow.servingVersion() != championVersion
                || outcome.version() != championVersion) {
            return;
        }
        // By label, not class index: two versions need not list their classes in the same order.
        tally.add(shadow.predictedLabel().equals(outcome.trueLabel()), outcome.correct());
    }
}

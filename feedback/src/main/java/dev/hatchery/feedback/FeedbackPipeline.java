package dev.hatchery.feedback;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.jet.core.EventTimePolicy;
import com.hazelcast.jet.core.processor.SourceProcessors;
import java.util.Map;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;

/**
 * The feedback job: predictions and labels joined by event id → outcomes → quality per version,
 * model health and drift signals.
 */
public final class FeedbackPipeline {

    public static final String JOB_NAME = "hatchery-feedback";
    private static final long WATERMARK_EVERY_MILLIS = 1_000;

    private FeedbackPipeline() {
    }

    /**
     * Builds the pipeline.
     * <ul>
     *   <li><b>predictions</b>, <b>labels</b>: every put into either map, from the oldest the
     *   journals hold; on restart, from the last snapshot's offsets.</li>
     *   <li><b>join</b>: keyed by event id; whichever side comes first waits for the other up to
     *   the label horizon (ingestion time), then is forgotten. Emits each pair once: the first
     *   label wins. State is snapshotted.</li>
     *   <li><b>judge</b>: the label checked against the predicting version's classes → an
     *   {@link Outcome}, or a dead letter. Looks versions up in the registry: non-cooperative.</li>
     *   <li><b>outcomes</b>, <b>quality</b>: keyed by event id and by version; replays overwrite
     *   outcomes. Quality adds counts, so a replay after a restore may count an outcome twice.</li>
     *   <li><b>watch</b>: keyed by model; rolling accuracy, the DDM detector over the serving
     *   version's errors, and a check of its accuracy against its holdout accuracy →
     *   {@link ModelHealth} and {@link DriftSignal}. State is snapshotted.</li>
     * </ul>
     */
    public static Pipeline build(FeedbackSettings settings) {
        // "The first label wins" and the detector's view of the error stream both need events of
        // one key in the order they were written; Jet's round-robin edges would reorder them.
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        StreamStage<Object> predictions = pipeline
                .readFrom(FeedbackPipeline.<Prediction>journal(ScorerMaps.PREDICTIONS))
                .withIngestionTimestamps()
                .setName("predictions")
                .map(entry -> (Object) entry.getValue());
        StreamStage<Object> labels = pipeline
                .readFrom(FeedbackPipeline.<Label>journal(FeedbackMaps.LABELS))
                .withIngestionTimestamps()
                .setName("labels")
                .map(entry -> (Object) entry.getValue());

        StreamStage<Object> judged = predictions.merge(labels)
                .groupingKey(FeedbackPipeline::eventIdOf)
                .mapStateful(settings.labelHorizonMillis(), JoinState::new,
                        (state, eventId, arrival) -> state.accept(arrival),
                        (state, eventId, watermark) -> (Judged) null)
                .setName("join")
                .mapUsingService(catalogService(), (catalog, pair) -> catalog.outcomeOf(pair, System.currentTimeMillis()))
                .setName("judge");

        judged.filter(item -> item instanceof DeadLetter)
                .map(item -> (DeadLetter) item)
                .writeTo(Sinks.map(ScorerMaps.DEAD_LETTERS, DeadLetter::key, letter -> letter));

        StreamStage<Outcome> outcomes = judged.filter(item -> item instanceof Outcome)
                .map(item -> (Outcome) item)
                .setName("outcomes");
        outcomes.writeTo(Sinks.map(FeedbackMaps.OUTCOMES, Outcome::eventId, outcome -> outcome));
        outcomes.writeTo(Sinks.<Outcome, String, VersionQuality>mapWithMerging(FeedbackMaps.QUALITY,
                outcome -> VersionQuality.key(outcome.model(), outcome.version()), VersionQuality::of,
                VersionQuality::plus));

        StreamStage<Object> watched = outcomes
                .mapUsingService(catalogService(), ClassCatalog::watched)
                .groupingKey(w -> w.outcome().model())
                .flatMapStateful(() -> new ModelWatch(settings),
                        (watch, model, w) -> watch.observe(w.outcome(), w.expectedAccuracy(), System.currentTimeMillis()))
                .setName("watch");
        watched.filter(item -> item instanceof ModelHealth)
                .map(item -> (ModelHealth) item)
                .writeTo(Sinks.map(FeedbackMaps.MODEL_HEALTH, ModelHealth::model, health -> health));
        watched.filter(item -> item instanceof DriftSignal)
                .map(item -> (DriftSignal) item)
                .writeTo(Sinks.map(FeedbackMaps.DRIFT_SIGNALS, DriftSignal::model, signal -> signal));
        return pipeline;
    }

    /**
     * Every put into a map, from the oldest its journal holds, with watermarks at most once a
     * second: the only use of time here is the label horizon, minutes long, and a watermark
     * every millisecond kept an idle member's Jet threads busy (0.7 of a core on 2 cores).
     */
    private static <V> StreamSource<Map.Entry<String, V>> journal(String map) {
        return Sources.streamFromProcessorWithWatermarks("journal of " + map, false,
                policy -> SourceProcessors.<String, V>streamMapP(map, JournalInitialPosition.START_FROM_OLDEST,
                        EventTimePolicy.eventTimePolicy(policy.timestampFn(), policy.wrapFn(), policy.newWmPolicyFn(),
                                WATERMARK_EVERY_MILLIS, 0, policy.idleTimeoutMillis())));
    }

    private static String eventIdOf(Object arrival) {
        return switch (arrival) {
            case Prediction prediction -> prediction.eventId();
            case Label label -> label.eventId();
            default -> throw new IllegalArgumentException("unexpected arrival " + arrival);
        };
    }

    private static ServiceFactory<?, ClassCatalog> catalogService() {
        return ServiceFactories.sharedService(context -> new ClassCatalog(ModelRegistry.on(context.hazelcastInstance())))
                .toNonCooperative();
    }

    public static Job submit(HazelcastInstance hazelcast, FeedbackSettings settings, JobSettings jobSettings) {
        return hazelcast.getJet().newJobIfAbsent(build(settings), jobSettings.jobConfig(JOB_NAME));
    }
}

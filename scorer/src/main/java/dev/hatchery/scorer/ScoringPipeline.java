package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.map.EventJournalMapEvent;
import dev.hatchery.scorer.intake.Intake;
import dev.hatchery.scorer.intake.Journal;
import dev.hatchery.scorer.intake.Unreadable;
import org.jspecify.annotations.Nullable;

/**
 * The scoring job: events map journal → score with this member's {@link ModelHolder} →
 * predictions map (keyed by event id), shadow predictions map and dead-letter map.
 */
public final class ScoringPipeline {

    public static final String JOB_NAME = "hatchery-scoring";

    /**
     * The most events scored in one call. 100 boosted trees predicted a row in half
     * the time in batches of 256 as one by one, and in little less again in batches of 1,024.
     */
    static final int MAX_BATCH_EVENTS = 1_024;

    private ScoringPipeline() {
    }

    /**
     * Builds the pipeline.
     * <ul>
     *   <li><b>events</b>, <b>events_json</b>: every put into the events map and into the JSON
     *   events map, from the oldest their journals hold, but for a put of the very same bytes again
     *   (a producer retrying a write it could not confirm), its value not yet deserialized
     *   ({@link Journal}). On restart they resume from the offsets of the last snapshot.</li>
     *   <li><b>read events</b>, <b>read JSON events</b>: each put read on its own as an {@link Event}
     *   ({@link Intake}, {@link JsonEvents}), or found to be none.</li>
     *   <li><b>score</b>: one {@link ScoreResult} per put: {@link Quarantined} for a value that is no
     *   event, otherwise from the version the member serves at that instant. Non-blocking: a version swap is a reference swap done elsewhere. The
     *   events Jet has at hand, up to {@link #MAX_BATCH_EVENTS}, are scored in one call, each
     *   version predicting its share at once (tree ensembles walk each tree over all of them).
     *   The result is computed in the call, but for a batch with events of a model whose deployed
     *   version this member is still staging or loading: its future completes when that version
     *   activates (or after {@link ModelHolder#ACTIVATION_WAIT_MILLIS}, as dead letters), and
     *   meanwhile Jet's async stage keeps the order, back-pressures and holds snapshots back.</li>
     *   <li><b>predictions</b>: every served {@link Prediction}, alone or beside a shadow's, keyed
     *   by event id, so a replay after a restore overwrites. A plain put, not a merge: a merge
     *   costs the job half its speed. Every write stays in the map's journal, where
     *   {@link ScoringAudit} counts them.</li>
     *   <li><b>side outputs</b>: what is not a plain prediction (shadowed predictions and dead
     *   letters, unreadable values). Scoring without a shadow sends each event down as many edges as
     *   before it.</li>
     *   <li><b>shadow predictions</b>: each {@link ShadowPrediction}, keyed by event id, so a
     *   replay overwrites; expires after {@link HolderSettings#shadowRetentionMillis()}.</li>
     *   <li><b>dead letters</b>: keyed by the event's map key ({@code event:} or, from events_json,
     *   {@code event_json:} before it), with the reason.</li>
     *   <li><b>unreadable events</b>: a value that is no event is removed from the map it was put
     *   into (if no producer replaced it since), so that SQL over it keeps working.</li>
     * </ul>
     * None of these stages blocks but the last, whose removals are rare; the map sinks write
     * asynchronously, as Jet's map sinks do.
     */
    public static Pipeline build() {
        // Two writes of one event id must be scored and written in the order they came, or a
        // corrected event could end with the prediction of its first version: Jet's round-robin
        // edges would reorder them.
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        StreamStage<ScoreResult> scored = scored(pipeline);
        scored.map(ScoringPipeline::served)
                .setName("predictions")
                .writeTo(Sinks.map(ScorerMaps.PREDICTIONS, Prediction::eventId, prediction -> prediction));
        StreamStage<ScoreResult> side = scored.filter(result -> !(result instanceof Prediction)).setName("side outputs");
        side.map(result -> result instanceof ShadowedPrediction shadowed ? shadowed.shadow() : null)
                .setName("shadow predictions")
                .writeTo(Sinks.map(ScorerMaps.SHADOW_PREDICTIONS, ShadowPrediction::eventId, shadow -> shadow));
        side.map(ScoringPipeline::deadLetter)
                .setName("dead letters")
                .writeTo(Sinks.map(ScorerMaps.DEAD_LETTERS, DeadLetter::key, letter -> letter));
        side.map(result -> result instanceof Quarantined quarantined ? quarantined.unreadable() : null)
                .setName("unreadable events")
                .writeTo(Unreadable.removal());
        return pipeline;
    }

    /** The prediction served for the event, or null (Jet drops it) for a dead letter. */
    static @Nullable Prediction served(ScoreResult result) {
        return switch (result) {
            case Prediction prediction -> prediction;
            case ShadowedPrediction shadowed -> shadowed.served();
            case DeadLetter ignored -> null;
            case Quarantined ignored -> null;
        };
    }

    /** The dead letter of an event that is not scored, or null (Jet drops it) for a prediction. */
    static @Nullable DeadLetter deadLetter(ScoreResult result) {
        return switch (result) {
            case DeadLetter letter -> letter;
            case Quarantined quarantined -> quarantined.letter();
            case Prediction ignored -> null;
            case ShadowedPrediction ignored -> null;
        };
    }

    /**
     * The stages up to <b>score</b> alone, for a benchmark that measures them without the map
     * writes.
     */
    public static StreamStage<ScoreResult> scored(Pipeline pipeline) {
        StreamStage<Intake<Event>> compact = pipeline
                .readFrom(Journal.puts(ScorerMaps.EVENTS))
                .withoutTimestamps()
                .setName("events")
                .map(ScoringPipeline::readEvent)
                .setName("read events");
        StreamStage<Intake<Event>> json = pipeline
                .readFrom(Journal.puts(ScorerMaps.EVENTS_JSON))
                .withoutTimestamps()
                .setName("events_json")
                .map(JsonEvents::read)
                .setName("read JSON events");
        return compact.merge(json)
                .mapUsingServiceAsyncBatched(scorerService(), MAX_BATCH_EVENTS, JobScorer::scoreAll)
                .setName("score");
    }

    /** What the events map holds, for the reason of a value that is something else. */
    static final String EXPECTED = "a Compact " + ScorerSerializers.EVENT + " (" + ScorerSerializers.EVENT_SHAPE
            + "; features in the order of the model's feature names), or JSON in '" + ScorerMaps.EVENTS_JSON
            + "': README, 'Feeding Hatchery from any language'";

    /** A put into the events map, read. */
    static Intake<Event> readEvent(EventJournalMapEvent<Object, Object> put) {
        return Intake.of(put, ScorerMaps.EVENTS, Event.class, EXPECTED);
    }

    /** Per processor, the member's model holder (one per member, shared by every job) and the job's identity. */
    static ServiceFactory<?, JobScorer> scorerService() {
        return ServiceFactories.nonSharedService(JobScorer::of);
    }

    /** Submits the job unless one of the same name already runs (e.g. another member started it). */
    public static Job submit(HazelcastInstance hazelcast, JobSettings settings) {
        return hazelcast.getJet().newJobIfAbsent(build(), settings.jobConfig(JOB_NAME));
    }
}

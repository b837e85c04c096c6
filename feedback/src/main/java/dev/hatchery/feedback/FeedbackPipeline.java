package dev.hatchery.feedback;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.aggregate.AggregateOperation;
import com.hazelcast.jet.core.EventTimePolicy;
import com.hazelcast.jet.datamodel.KeyedWindowResult;
import com.hazelcast.jet.pipeline.WindowDefinition;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.map.EventJournalMapEvent;
import dev.hatchery.scorer.intake.Intake;
import dev.hatchery.scorer.intake.Journal;
import dev.hatchery.scorer.intake.Unreadable;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
    /** Quality rows and label counts are written at most once a second per row. */
    private static final long FLUSH_EVERY_MILLIS = 1_000;
    /** What the labels map holds, for the reason of a value that is something else. */
    static final String EXPECTED_LABEL = "a Compact " + LabelSerializer.TYPE_NAME + " (" + LabelSerializer.SHAPE
            + "): README, 'Feeding Hatchery from any language'";

    private FeedbackPipeline() {
    }

    /**
     * Builds the pipeline.
     * <ul>
     *   <li><b>predictions</b>, <b>labels</b>: every put into either map, from the oldest the
     *   journals hold; on restart, from the last snapshot's offsets. Labels come as bytes and are
     *   read one at a time ({@link Intake}): a value that is no label, or one without an event
     *   id, a model or a label, is dead-lettered; one that is no label at all is also removed
     *   from the labels map (<b>unreadable labels</b>, blocking and rare), where it would fail
     *   every SQL query over it.</li>
     *   <li><b>join</b>: keyed by event id; whichever side comes first waits for the other up to
     *   the model's label horizon (ingestion time), then is forgotten and counted (a prediction
     *   as unlabelled, a label as without prediction, also a dead letter). Emits each pair once:
     *   the first label wins, later ones are counted as duplicates; a label more than the
     *   horizon after scoring is counted and ignored. State is snapshotted and lives at most the
     *   model's horizon (one join per distinct horizon).</li>
     *   <li><b>judge</b>: the label checked against the predicting version's classes → an
     *   {@link Outcome} and its quality point, or a dead letter. Looks versions up in the
     *   registry: non-cooperative.</li>
     *   <li><b>outcomes</b>: keyed by event id; replays overwrite them.</li>
     *   <li><b>quality</b>: every scored and every labelled event counted in each of its
     *   version's event-time windows; added up for a second (ingestion time), then merged into
     *   the quality map, so a window's row grows as late labels come. A replay after a restore
     *   may count the events since the last snapshot twice.</li>
     *   <li><b>label counts</b>: the join's {@link LabelCase}s added up per model the same way.</li>
     *   <li><b>data drift</b>: keyed by model; the serving version's most recent scored
     *   feature rows, compared every so often with that version's training reference (PSI and
     *   Kolmogorov–Smirnov per feature) → {@link DataDriftState}, the warning before labels.
     *   The window is snapshotted; the comparison looks the reference up: non-cooperative.</li>
     *   <li><b>watch</b>: keyed by model; rolling accuracy, the drift detector over the serving
     *   version's errors, and a check of its accuracy against its holdout accuracy →
     *   {@link ModelHealth} and {@link DriftSignal}. State is snapshotted.</li>
     * </ul>
     */
    public static Pipeline build(FeedbackSettings settings) {
        // "The first label wins" and the detector's view of the error stream both need events of
        // one key in the order they were written; Jet's round-robin edges would reorder them.
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        StreamStage<Prediction> predictions = pipeline
                .readFrom(FeedbackPipeline.<Map.Entry<String, Prediction>>withSparseWatermarks(
                        "journal of " + ScorerMaps.PREDICTIONS, ScorerMaps::predictionJournalP))
                .withIngestionTimestamps()
                .setName("predictions")
                .map(Map.Entry::getValue);
        StreamStage<Intake<Label>> labelPuts = pipeline
                .readFrom(FeedbackPipeline.<EventJournalMapEvent<Object, Object>>withSparseWatermarks(
                        "journal of " + FeedbackMaps.LABELS, policy -> Journal.putsP(FeedbackMaps.LABELS, policy)))
                .withIngestionTimestamps()
                .setName("labels")
                .map(put -> Intake.of(put, FeedbackMaps.LABELS, Label.class, EXPECTED_LABEL))
                .setName("read labels");
        labelPuts.map(put -> put instanceof Intake.Refused<Label> refused ? refused.unreadable() : null)
                .setName("unreadable labels")
                .writeTo(Unreadable.removal());
        StreamStage<Arrival> labels = labelPuts.map(FeedbackPipeline::usable);

        StreamStage<Arrival> arrivals = predictions.<Arrival>map(Arrival.Scored::new).merge(labels);
        // Jet forgets a key's state one time-to-live after its last arrival, the same for every key:
        // one join per horizon, so that a model's unlabelled predictions are counted when its own
        // horizon ends, not when the longest one does.
        List<Long> horizons = settings.horizonsMillis();
        StreamStage<Joined> joined = null;
        for (long horizonMillis : horizons) {
            StreamStage<Arrival> mine = horizons.size() == 1 ? arrivals
                    : arrivals.filter(arrival -> settings.horizonMillis(arrival.model()) == horizonMillis);
            StreamStage<Joined> join = mine.groupingKey(Arrival::eventId)
                    .flatMapStateful(horizonMillis, JoinState::new,
                            (state, eventId, arrival) -> state.accept(arrival, horizonMillis),
                            (state, eventId, watermark) -> state.expire(System.currentTimeMillis()))
                    .setName(horizons.size() == 1 ? "join" : "join (horizon " + horizonMillis + " ms)");
            joined = joined == null ? join : joined.merge(join);
        }
        StreamStage<Verdict> judged = joined.map(Joined::pair)
                .mapUsingService(catalogService(), (catalog, pair) -> catalog.outcomeOf(pair, System.currentTimeMillis()))
                .setName("judge");

        judged.map(Verdict::letter)
                .merge(joined.map(Joined::letter))
                .merge(labelPuts.map(FeedbackPipeline::deadLetter))
                .writeTo(ScorerMaps.deadLetterSink());

        StreamStage<Outcome> outcomes = judged.map(Verdict::outcome).setName("outcomes");
        outcomes.writeTo(Sinks.map(FeedbackMaps.OUTCOMES, Outcome::eventId, outcome -> outcome));

        QualityWindows windows = settings.quality();
        predictions.map(p -> QualityPoint.scored(p.model(), p.version(), p.eventTimeMillis()))
                .merge(judged.map(Verdict::point))
                .flatMap(point -> Traversers.traverseIterable(windows.of(point.eventTimeMillis()))
                        .map(window -> new QualityTally.WindowedPoint(window, point)))
                .window(WindowDefinition.tumbling(FLUSH_EVERY_MILLIS))
                .groupingKey(QualityTally.WindowedPoint::key)
                .aggregate(QualityTally.aggregate())
                .setName("quality")
                .map(KeyedWindowResult::result)
                .writeTo(Sinks.mapWithMerging(FeedbackMaps.QUALITY, WindowQuality::key, quality -> quality,
                        WindowQuality::plus));

        joined.map(Joined::labelCase)
                .window(WindowDefinition.tumbling(FLUSH_EVERY_MILLIS))
                .groupingKey(LabelCase::model)
                .aggregate(AggregateOperation.withCreate(() -> new long[LabelCase.Kind.values().length])
                        .<LabelCase>andAccumulate((counts, c) -> counts[c.kind().ordinal()]++)
                        .andCombine((counts, more) -> {
                            for (int i = 0; i < counts.length; i++) {
                                counts[i] += more[i];
                            }
                        })
                        .andExportFinish(counts -> counts.clone()))
                .setName("label counts")
                .map(result -> LabelCounts.of(result.key(), result.result(), System.currentTimeMillis()))
                .writeTo(Sinks.mapWithMerging(FeedbackMaps.LABEL_COUNTS, LabelCounts::model, counts -> counts,
                        LabelCounts::plus));

        predictions.groupingKey(Prediction::model)
                .flatMapStateful(() -> new DataDriftWatch(settings.dataDrift()), (watch, model, p) -> watch.observe(p))
                .setName("data drift window")
                .mapUsingService(ServiceFactories.sharedService(
                                context -> new ReferenceCatalog(context.hazelcastInstance(), settings.dataDrift()))
                        .toNonCooperative(), (catalog, due) -> catalog.check(due, System.currentTimeMillis()))
                .setName("data drift")
                .writeTo(Sinks.map(FeedbackMaps.DATA_DRIFT, DataDriftState::model, state -> state));

        StreamStage<WatchReport> watched = outcomes
                .mapUsingService(catalogService(), ClassCatalog::watched)
                .groupingKey(w -> w.outcome().model())
                .flatMapStateful(() -> new ModelWatch(settings),
                        (watch, model, w) -> watch.observe(w.outcome(), w.expectedAccuracy(), System.currentTimeMillis()))
                .setName("watch");
        watched.map(WatchReport::health)
                .writeTo(Sinks.map(FeedbackMaps.MODEL_HEALTH, ModelHealth::model, health -> health));
        watched.map(WatchReport::signal)
                .writeTo(Sinks.map(FeedbackMaps.DRIFT_SIGNALS, DriftSignal::model, signal -> signal));
        return pipeline;
    }

    /**
     * A journal source with watermarks at most once a second: the only use of time here is the
     * label horizon, minutes long, and a watermark every millisecond kept an idle member's Jet
     * threads busy (0.7 of a core on 2 cores).
     */
    private static <T> StreamSource<T> withSparseWatermarks(String name,
            FunctionEx<EventTimePolicy<? super T>, ProcessorMetaSupplier> sourceFn) {
        return Sources.streamFromProcessorWithWatermarks(name, false,
                policy -> sourceFn.apply(EventTimePolicy.eventTimePolicy(policy.timestampFn(), policy.wrapFn(),
                        policy.newWmPolicyFn(), WATERMARK_EVERY_MILLIS, 0, policy.idleTimeoutMillis())));
    }

    /** A label the join can use, or null (Jet drops it): unreadable, or missing what the join needs. */
    private static @Nullable Arrival usable(Intake<Label> put) {
        return put instanceof Intake.Readable<Label> readable && readable.value().problem() == null
                ? new Arrival.Labelled(readable.value()) : null;
    }

    /** The dead letter of a label put the join cannot use, or null for one it can. */
    private static @Nullable DeadLetter deadLetter(Intake<Label> put) {
        long now = System.currentTimeMillis();
        return switch (put) {
            case Intake.Refused<Label> refused -> {
                Unreadable unreadable = refused.unreadable();
                yield DeadLetter.ofLabel(unreadable.key(), unreadable.model(), unreadable.reason(),
                        unreadable.payload(), now);
            }
            case Intake.Readable<Label> readable -> {
                Label label = readable.value();
                String problem = label.problem();
                yield problem == null ? null : DeadLetter.ofLabel(readable.key(), label.model() == null ? ""
                        : label.model(), problem, label.toString(), now);
            }
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

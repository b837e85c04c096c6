package dev.hatchery.bench.prequential;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.demo.DemoSource;
import dev.hatchery.ops.demo.ReplayedEvents;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import dev.hatchery.trainer.TrainerMaps;
import dev.hatchery.trainer.TrainingReport;
import dev.hatchery.trainer.TrainingReport.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * One replay through the running system on one embedded member, as {@code hatchery demo --csv}
 * runs it: v1 trained and published on the bootstrap rows, the scoring and feedback jobs and
 * the trainer's schedule started, then every later row written as an event at a fixed rate
 * and its label right after the event K rows later.
 *
 * <p>Event time: event i is stamped {@code start + i × 1000 / rate} ms, the moment the replay
 * means to write it. One event is one step of the data (half an hour of ELEC2, a day of
 * weather), but stamped on the replay's clock, the event-time windows of the feedback job
 * (quality per minute) and its label horizon (ten minutes, ingestion time) see the replay as
 * a live stream of {@code rate} events a second, which is what they were built for.
 */
final class SystemReplay {

    private static final int PROGRESS_EVERY = 10_000;
    private static final int READ_BATCH = 1_000;

    /**
     * @param predicted        the served prediction of each streamed event, in order, or {@link StreamAccuracy#UNSCORED}
     * @param versionsDeployed publishes after v1
     * @param trainMillis      {@code trainMillis} of every run that trained (deployed or kept)
     * @param runsKept         runs whose challenger the gate did not deploy
     * @param runsFailed       runs that failed
     * @param runs             every finished run, oldest first: why it ran and what the gate said
     */
    record Result(int[] predicted, int versionsDeployed, List<Long> trainMillis, int runsKept, int runsFailed,
            long lost, long duplicated, long deadLettered, long wallMillis, List<TrainingReport> runs) {
    }

    private SystemReplay() {
    }

    static Result run(DemoSource source, HatcheryConfig config, int labelDelay, int ratePerSecond, String tag,
            PrintStream out) {
        long started = System.nanoTime();
        String model = source.model();
        try (HatcheryNode node = HatcheryNode.start(config)) {
            HazelcastInstance hazelcast = node.hazelcast();
            node.trainer().bootstrap(model, source.bootstrap(), "bench");
            node.startLoop();
            ReplayedEvents.awaitServing(hazelcast, model);
            int events = stream(hazelcast, source, labelDelay, ratePerSecond, tag, out);
            List<String> ids = IntStream.range(0, events).mapToObj(ReplayedEvents::id).toList();
            ReplayedEvents.awaitScored(hazelcast, events, Duration.ofSeconds(120));
            int[] predicted = predictions(hazelcast, ids);
            ScoringAudit audit = ScoringAudit.of(hazelcast, ids);
            long publishes = ModelRegistry.on(hazelcast).history(model).stream()
                    .filter(d -> d.action() == Deployment.Action.PUBLISH).count();
            List<TrainingReport> runs = TrainerMaps.trainingRuns(hazelcast).values().stream()
                    .filter(TrainingReport::finished)
                    .sorted(Comparator.comparingLong(TrainingReport::startedAtMillis)).toList();
            List<Long> trainMillis = runs.stream()
                    .filter(r -> r.status() == Status.DEPLOYED || r.status() == Status.KEPT)
                    .map(r -> r.challenger().trainMillis()).toList();
            int kept = (int) runs.stream().filter(r -> r.status() == Status.KEPT).count();
            int failed = (int) runs.stream().filter(r -> r.status() == Status.FAILED).count();
            return new Result(predicted, (int) publishes - 1, trainMillis, kept, failed, audit.lost(), audit.duplicated(),
                    audit.deadLettered(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), runs);
        }
    }

    /** Writes the events at the rate, each row's label just before the event {@code labelDelay} rows later; returns how many. */
    private static int stream(HazelcastInstance hazelcast, DemoSource source, int labelDelay, int ratePerSecond,
            String tag, PrintStream out) {
        IMap<String, Event> events = ScorerMaps.events(hazelcast);
        IMap<String, Label> labels = FeedbackMaps.labels(hazelcast);
        List<String> classes = source.schema().classes();
        String model = source.model();
        List<Integer> truth = new ArrayList<>();
        double nanosPerEvent = 1e9 / ratePerSecond;
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int i = 0; i < source.events() && source.stream().hasNext(); i++) {
            LabelledRow row = source.stream().next();
            truth.add(row.label());
            if (i >= labelDelay) {
                int j = i - labelDelay;
                String id = ReplayedEvents.id(j);
                labels.set(id, new Label(id, model, classes.get(truth.get(j)), System.currentTimeMillis()));
            }
            String id = ReplayedEvents.id(i);
            events.set(id, new Event(id, model, row.features(), startMillis + i * 1_000L / ratePerSecond));
            long wait = startNanos + (long) ((i + 1) * nanosPerEvent) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                out.printf("  [%s] %,d events written | serving %s%n", tag, i + 1, ModelHolder.of(hazelcast)
                        .serving(model).map(m -> "v" + m.version()).orElse("nothing"));
            }
        }
        for (int j = Math.max(0, truth.size() - labelDelay); j < truth.size(); j++) {
            String id = ReplayedEvents.id(j);
            labels.set(id, new Label(id, model, classes.get(truth.get(j)), System.currentTimeMillis()));
        }
        return truth.size();
    }

    private static int[] predictions(HazelcastInstance hazelcast, List<String> ids) {
        IMap<String, Prediction> predictions = ScorerMaps.predictions(hazelcast);
        int[] predicted = new int[ids.size()];
        Arrays.fill(predicted, StreamAccuracy.UNSCORED);
        for (int from = 0; from < ids.size(); from += READ_BATCH) {
            Set<String> keys = new HashSet<>(ids.subList(from, Math.min(ids.size(), from + READ_BATCH)));
            for (Prediction prediction : predictions.getAll(keys).values()) {
                predicted[(int) ReplayedEvents.indexOf(prediction.eventId())] = prediction.predictedClass();
            }
        }
        return predicted;
    }

}

package dev.hatchery.ops.demo;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.feed.PacedFeed;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.scorer.FirstPrediction;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Runs the whole loop on one embedded member: bootstrap v1, start the jobs and the trainer,
 * stream events with labels that come later, and count what happened.
 */
public final class Demo {

    private static final int BATCH = 50;
    private static final int ACCURACY_SPAN = 2_000;

    private final DemoOptions options;
    private final HatcheryConfig config;
    private final PrintStream out;
    private final AtomicLong produced = new AtomicLong();

    public Demo(DemoOptions options, HatcheryConfig config, PrintStream out) {
        this.options = options;
        this.config = config;
        this.out = out;
    }

    /** The configuration the demo runs with: one loopback member of a cluster of its own. */
    public static HatcheryConfig demoConfig(HatcheryConfig base) {
        String cluster = "hatchery-demo-" + UUID.randomUUID().toString().substring(0, 8);
        return base.withCluster(new ClusterSettings(cluster, "127.0.0.1", 5701, List.of("127.0.0.1")));
    }

    public DemoSummary run() {
        long started = System.nanoTime();
        DemoSource source = DemoSource.open(options);
        String model = source.model();
        out.printf("Hatchery demo: %s, %,d events at %,d/s, labels %d events late; drifts at %s%n",
                source.description(), source.events(), options.ratePerSecond(), options.labelDelay(),
                source.driftPoints().isEmpty() ? "no discrete points" : source.driftPoints());
        out.printf("model '%s': features %s, classes %s; trainer %s, window %s%n", model, source.schema().features(),
                source.schema().classes(), config.trainer().policy(model).algorithm().id(),
                config.trainer().policy(model).window().describe());
        try (source; HatcheryNode node = HatcheryNode.start(config);
                Timeline timeline = new Timeline(out, produced::get)) {
            HazelcastInstance hazelcast = node.hazelcast();
            timeline.follow(hazelcast);
            timeline.line("member %s up in cluster '%s'; training v1 on %,d rows", hazelcast.getCluster().getLocalMember()
                    .getAddress(), config.cluster().name(), source.bootstrap().size());
            node.trainer().bootstrap(model, source.bootstrap(), "demo");
            node.startLoop();
            ReplayedEvents.awaitServing(hazelcast, model);
            int[] truth = stream(hazelcast, source, timeline);
            ReplayedEvents.awaitScored(hazelcast, truth.length, Duration.ofSeconds(60));
            DemoSummary summary = summarize(hazelcast, source, truth, timeline, System.nanoTime() - started);
            DemoOutput.print(summary, out);
            return summary;
        }
    }

    /** Writes the events at the configured rate and each label {@code labelDelay} events later; returns the true classes. */
    private int[] stream(HazelcastInstance hazelcast, DemoSource source, Timeline timeline) {
        ReadOnlyMap<String, Prediction> predictions = ScorerMaps.ReadOnly.predictions(hazelcast);
        ReadOnlyMap<String, ModelHealth> health = FeedbackMaps.ReadOnly.health(hazelcast);
        List<String> classes = source.schema().classes();
        String model = source.model();
        List<Integer> truth = new ArrayList<>();
        PacedFeed feed = new PacedFeed(hazelcast, model, options.labelDelay(), options.ratePerSecond(), BATCH);
        for (long i = 0; i < source.events() && source.stream().hasNext(); i++) {
            LabelledRow row = source.stream().next();
            truth.add(row.label());
            if (feed.add(ReplayedEvents.id(i), row.features(), classes.get(row.label()))) {
                produced.set(i + 1);
            }
            if ((i + 1) % options.timelineEvery() == 0) {
                feed.flush();
                produced.set(i + 1);
                timeline.window(predictions.size(), ModelHolder.of(hazelcast).serving(model).orElse(null),
                        health.get(model));
            }
        }
        feed.finish();
        produced.set(truth.size());
        return truth.stream().mapToInt(Integer::intValue).toArray();
    }

    private DemoSummary summarize(HazelcastInstance hazelcast, DemoSource source, int[] truth, Timeline timeline,
            long elapsedNanos) {
        ReadOnlyMap<String, Prediction> predictions = ScorerMaps.ReadOnly.predictions(hazelcast);
        int n = truth.length;
        boolean[] predicted = new boolean[n];
        boolean[] correct = new boolean[n];
        for (int from = 0; from < n; from += 1_000) {
            Set<String> keys = new HashSet<>();
            for (int i = from; i < Math.min(n, from + 1_000); i++) {
                keys.add(ReplayedEvents.id(i));
            }
            for (Prediction prediction : predictions.getAll(keys).values()) {
                int i = (int) ReplayedEvents.indexOf(prediction.eventId());
                predicted[i] = true;
                correct[i] = prediction.predictedClass() == truth[i];
            }
        }
        ScoringAudit audit = ScoringAudit.of(hazelcast, IntStream.range(0, n).mapToObj(ReplayedEvents::id).toList());
        List<Long> points = source.driftPoints();
        List<DemoSummary.Drift> drifts = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            long at = points.get(k);
            long next = k + 1 < points.size() ? points.get(k + 1) : n;
            Long detected = detectedBetween(timeline.signals(), at, next);
            drifts.add(new DemoSummary.Drift(at, detected,
                    accuracy(predicted, correct, at - ACCURACY_SPAN, at),
                    accuracy(predicted, correct, Math.max(at, next - ACCURACY_SPAN), next),
                    firstVersionBetween(timeline.firstPredictions(), detected == null ? at : detected, next)));
        }
        long published = ModelRegistry.on(hazelcast).history(source.model()).stream()
                .filter(d -> d.action() == Deployment.Action.PUBLISH).count();
        return new DemoSummary(source.description(), n, audit.predictions(), audit.lost(), audit.duplicated(),
                ScorerMaps.ReadOnly.deadLetters(hazelcast).size(), published,
                accuracy(predicted, correct, 0, n), TimeUnit.NANOSECONDS.toMillis(elapsedNanos), drifts);
    }

    private static Long detectedBetween(List<DriftSignal> signals, long from, long to) {
        return signals.stream().map(s -> ReplayedEvents.indexOf(s.detectedAtEventId()))
                .filter(i -> i >= from && i < to)
                .min(Long::compare).orElse(null);
    }

    private static Integer firstVersionBetween(List<FirstPrediction> firsts, long from, long to) {
        return firsts.stream()
                .filter(f -> ReplayedEvents.indexOf(f.eventId()) >= from && ReplayedEvents.indexOf(f.eventId()) < to)
                .min(Comparator.comparingLong(f -> ReplayedEvents.indexOf(f.eventId())))
                .map(FirstPrediction::version).orElse(null);
    }

    private static double accuracy(boolean[] predicted, boolean[] correct, long from, long to) {
        long seen = 0;
        long right = 0;
        for (long i = Math.max(0, from); i < Math.min(to, predicted.length); i++) {
            if (predicted[(int) i]) {
                seen++;
                right += correct[(int) i] ? 1 : 0;
            }
        }
        return seen == 0 ? Double.NaN : (double) right / seen;
    }
}

package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probation after every automatic deployment: once the new version has its first labelled
 * events, its accuracy over them is held against the replaced version's over its last as many.
 * Worse by more than the margin — and the replaced version does better on those very events,
 * so that going back helps — and the judge rolls back, pins the model (nothing automatic
 * deploys to it until an operator unpins it) and records why, before anyone is paged.
 */
final class ProbationJudge {

    static final String ACTOR = "hatchery-probation";
    private static final Logger LOG = LoggerFactory.getLogger(ProbationJudge.class);

    private final IMap<String, Probation> probations;
    private final ReadOnlyMap<String, Outcome> outcomes;
    private final ReadOnlyMap<String, ModelHealth> health;
    private final ModelRegistry registry;
    private final Clock clock;

    ProbationJudge(IMap<String, Probation> probations, ReadOnlyMap<String, Outcome> outcomes, ReadOnlyMap<String, ModelHealth> health,
            ModelRegistry registry, Clock clock) {
        this.probations = probations;
        this.outcomes = outcomes;
        this.health = health;
        this.registry = registry;
        this.clock = clock;
    }

    /** Puts an automatic deployment on probation; a first version has nothing to be held against. */
    void watch(Deployment deployed, ProbationSettings settings) {
        if (!settings.enabled() || deployed.rollbackStack().isEmpty()) {
            return;
        }
        probations.set(deployed.model(), new Probation(deployed.model(), deployed.version(), deployed.epoch(),
                deployed.rollbackStack().getFirst(), deployed.epoch() - 1, clock.millis(), settings.events(),
                settings.maxAccuracyDrop(), Probation.WATCHING, Double.NaN, Double.NaN, 0,
                "its first " + settings.events() + " labelled events decide"));
    }

    Collection<Probation> watching() {
        return probations.values(Predicates.equal("status", Probation.WATCHING));
    }

    /**
     * Decides the model's probation if its events are in. The caller holds the model's training
     * lease, so no run of this trainer publishes meanwhile.
     */
    Optional<Probation> judge(String model) {
        Probation probation = probations.get(model);
        if (probation == null || !probation.status().equals(Probation.WATCHING)) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Deployment> serving = registry.deployment(model);
        if (serving.isEmpty() || serving.get().epoch() != probation.epoch()) {
            String by = serving.map(d -> "epoch " + d.epoch() + " (v" + d.version() + " by " + d.by() + ")").orElse("?");
            return record(probation.decided(Probation.ENDED, Double.NaN, Double.NaN, now,
                    by + " replaced it before its probation was decided"));
        }
        // The feedback job counts each epoch's outcomes already: the outcomes are read once, when it says they are in.
        ModelHealth seen = health.get(model);
        if (seen == null || seen.epoch() != probation.epoch() || seen.outcomes() < probation.events()) {
            return Optional.empty();
        }
        List<Row> rows = outcomes.project(
                Projections.multiAttribute("epoch", "eventTimeMillis", "trueClass", "predictedClass", "features"),
                Predicates.and(Predicates.equal("model", model),
                        Predicates.in("epoch", probation.epoch(), probation.previousEpoch())))
                .stream().map(Row::of).toList();
        Comparator<Row> byEventTime = Comparator.comparingLong(Row::eventTimeMillis);
        List<Row> fresh = rows.stream().filter(row -> row.epoch() == probation.epoch()).sorted(byEventTime)
                .limit(probation.events()).toList();
        List<Row> before = rows.stream().filter(row -> row.epoch() == probation.previousEpoch())
                .sorted(byEventTime.reversed()).limit(probation.events()).toList();
        double accuracy = accuracy(fresh);
        if (before.isEmpty()) {
            return record(probation.decided(Probation.PASSED, accuracy, Double.NaN, now, "v"
                    + probation.previousVersion() + " left no labelled events to compare with"));
        }
        double previous = accuracy(before);
        String comparison = String.format("v%d: %.4f over its first %d labelled events, v%d: %.4f over its last %d",
                probation.version(), accuracy, fresh.size(), probation.previousVersion(), previous, before.size());
        if (accuracy >= previous - probation.maxAccuracyDrop()) {
            return record(probation.decided(Probation.PASSED, accuracy, previous, now, comparison));
        }
        // Worse than before may mean the world changed right after the deployment: then going
        // back helps nothing. Roll back only if the previous version does better on these very events.
        double previousOnSame = accuracyOf(registry.load(model, probation.previousVersion()), fresh);
        comparison += String.format("; v%d on the same events: %.4f", probation.previousVersion(), previousOnSame);
        if (previousOnSame <= accuracy + probation.maxAccuracyDrop()) {
            return record(probation.decided(Probation.PASSED, accuracy, previous, now, comparison
                    + ": the events changed, not the model, and going back would not help"));
        }
        String reason = String.format("probation failed: %s, more than trainer.probation.maxAccuracyDrop %.2f worse",
                comparison, probation.maxAccuracyDrop());
        Deployment back = registry.rollback(model, ACTOR, reason);
        String pinned;
        try {
            registry.pin(model, ACTOR, reason + "; unpin to let Hatchery deploy again");
            pinned = "model pinned";
        } catch (IllegalStateException alreadyPinned) {
            pinned = "model was pinned already";
        }
        String result = "rolled back to v" + back.version() + " at epoch " + back.epoch() + "; " + pinned;
        registry.audit(new AuditEntry(model, now, ACTOR, "rollback", reason, result));
        LOG.warn("{}: {}; {}", model, reason, result);
        return record(probation.decided(Probation.ROLLED_BACK, accuracy, previous, now, reason + "; " + result));
    }

    private Optional<Probation> record(Probation decided) {
        probations.set(decided.model(), decided);
        return Optional.of(decided);
    }

    /** The parts of an outcome a probation looks at, projected on the members. */
    private record Row(long epoch, long eventTimeMillis, int trueClass, int predictedClass, double[] features) {

        /** A row of the projection, in the order of its attributes. */
        static Row of(Object[] attributes) {
            return new Row((Long) attributes[0], (Long) attributes[1], (Integer) attributes[2], (Integer) attributes[3],
                    (double[]) attributes[4]);
        }
    }

    private static double accuracyOf(TrainedModel model, List<Row> rows) {
        long correct = rows.stream().filter(row -> model.predict(row.features()).index() == row.trueClass()).count();
        return rows.isEmpty() ? Double.NaN : (double) correct / rows.size();
    }

    private static double accuracy(List<Row> rows) {
        long correct = rows.stream().filter(row -> row.trueClass() == row.predictedClass()).count();
        return rows.isEmpty() ? Double.NaN : (double) correct / rows.size();
    }
}

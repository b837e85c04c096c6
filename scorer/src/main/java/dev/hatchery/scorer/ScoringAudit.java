package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What became of a set of events, counted from the maps themselves: each should have exactly
 * one prediction, stamped with a version that the deployment pointer really pointed to at that
 * epoch, or a dead letter saying why not.
 *
 * @param lost         events with neither a prediction nor a dead letter
 * @param duplicated   events scored more than once other than by a replay after a restore
 * @param replayed     events rescored by a restored execution of the scoring job (overwritten, not duplicated)
 * @param notDeployed  predictions stamped with a version and epoch that no deployment had
 * @param executions   distinct scoring-job executions that wrote the predictions
 */
public record ScoringAudit(long events, long predictions, long deadLettered, long lost, long duplicated, long replayed,
        long notDeployed, int executions) {

    private static final int BATCH = 1_000;

    /** Audits the events with the given ids; reads predictions a thousand at a time. */
    public static ScoringAudit of(HazelcastInstance hazelcast, List<String> eventIds) {
        IMap<String, Prediction> predictions = ScorerMaps.predictions(hazelcast);
        Set<String> deadKeys = ScorerMaps.deadLetters(hazelcast).keySet().stream()
                .filter(key -> key.startsWith("event:")).map(key -> key.substring("event:".length()))
                .collect(Collectors.toSet());
        ModelRegistry registry = ModelRegistry.on(hazelcast);
        Map<String, Map<Long, Integer>> deployed = new HashMap<>();
        long predicted = 0;
        long dead = 0;
        long lost = 0;
        long duplicated = 0;
        long replayed = 0;
        long notDeployed = 0;
        Set<Long> executions = new HashSet<>();
        for (int from = 0; from < eventIds.size(); from += BATCH) {
            List<String> ids = eventIds.subList(from, Math.min(eventIds.size(), from + BATCH));
            Map<String, Prediction> found = predictions.getAll(new HashSet<>(ids));
            for (String id : ids) {
                Prediction prediction = found.get(id);
                if (prediction == null) {
                    if (deadKeys.contains(id)) {
                        dead++;
                    } else {
                        lost++;
                    }
                    continue;
                }
                predicted++;
                duplicated += prediction.scoreCount() > 1 ? 1 : 0;
                replayed += prediction.replays() > 0 ? 1 : 0;
                Integer version = deployed.computeIfAbsent(prediction.model(), model -> registry.history(model).stream()
                        .collect(Collectors.toMap(Deployment::epoch, Deployment::version))).get(prediction.epoch());
                notDeployed += version == null || version != prediction.version() ? 1 : 0;
                executions.add(prediction.executionId());
            }
        }
        return new ScoringAudit(eventIds.size(), predicted, dead, lost, duplicated, replayed, notDeployed,
                executions.size());
    }

    @Override
    public String toString() {
        return String.format("%,d events, %,d predictions, %,d dead letters, lost %d, duplicated %d, rescored after a "
                + "restore %,d, stamped with a version never deployed at that epoch %d, by %d job execution(s)",
                events, predictions, deadLettered, lost, duplicated, replayed, notDeployed, executions);
    }
}

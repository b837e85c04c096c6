package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.internal.journal.EventJournalReader;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.ringbuffer.ReadResultSet;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * What became of a set of events, counted from the maps themselves: each should have exactly
 * one prediction, stamped with a version that the deployment pointer really pointed to at that
 * epoch, or a dead letter saying why not. Writes are counted from the predictions map's event
 * journal, which holds every put in order: a second write of an event by a restored execution
 * of the same job is a replay (the design's overwrite); any other second write is a duplicate.
 *
 * @param lost              events with neither a prediction nor a dead letter
 * @param duplicated        events written more than once other than by a replay after a restore
 * @param replayed          events rescored by a restored execution of the scoring job
 * @param notDeployed       predictions stamped with a version and epoch that no deployment had
 * @param executions        distinct scoring-job executions that wrote the final predictions
 * @param journalOverflowed whether the journal had already dropped its oldest writes, which makes
 *                          {@code duplicated} and {@code replayed} lower bounds
 */
public record ScoringAudit(long events, long predictions, long deadLettered, long lost, long duplicated, long replayed,
        long notDeployed, int executions, boolean journalOverflowed) {

    private static final int BATCH = 1_000;

    /** One write of a prediction, as the journal recorded it. */
    private record Write(long jobId, long executionId) {
    }

    /**
     * The ids of {@code model}'s events in the events map and in events_json whose event time ({@link Event#timeMillis()})
     * is {@code sinceMillis} or later, found by a query on the members, in order: the set to pass
     * to {@link #of(HazelcastInstance, List)} to audit one model. An event's key in the map is taken
     * as its id, as producers write them.
     */
    public static List<String> eventIds(HazelcastInstance hazelcast, String model, long sinceMillis) {
        Predicate<String, Object> ofModel = Predicates.and(Predicates.equal("model", model),
                Predicates.greaterEqual("time_millis", sinceMillis));
        Set<String> ids = new TreeSet<>(hazelcast.<String, Object>getMap(ScorerMaps.EVENTS).keySet(ofModel));
        ids.addAll(hazelcast.<String, Object>getMap(ScorerMaps.EVENTS_JSON).keySet(ofModel));
        return List.copyOf(ids);
    }

    /** Audits the events with the given ids; reads predictions a thousand at a time. */
    public static ScoringAudit of(HazelcastInstance hazelcast, List<String> eventIds) {
        IMap<String, Prediction> predictions = ScorerMaps.predictions(hazelcast);
        Set<String> deadKeys = ScorerMaps.deadLetters(hazelcast).keySet().stream()
                .filter(key -> DeadLetter.isEventKey(key) || DeadLetter.isJsonEventKey(key)).map(DeadLetter::eventKey)
                .collect(Collectors.toSet());
        ModelRegistry registry = ModelRegistry.on(hazelcast);
        Map<String, Map<Long, Integer>> deployed = new HashMap<>();
        long predicted = 0;
        long dead = 0;
        long lost = 0;
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
                Integer version = deployed.computeIfAbsent(prediction.model(), model -> registry.history(model).stream()
                        .collect(Collectors.toMap(Deployment::epoch, Deployment::version))).get(prediction.epoch());
                notDeployed += version == null || version != prediction.version() ? 1 : 0;
                executions.add(prediction.executionId());
            }
        }
        Writes writes = Writes.read(hazelcast, new HashSet<>(eventIds));
        return new ScoringAudit(eventIds.size(), predicted, dead, lost, writes.duplicated, writes.replayed, notDeployed,
                executions.size(), writes.overflowed);
    }

    /** Every write of the audited events, read from the predictions map's journal, partition by partition. */
    private static final class Writes {
        private long duplicated;
        private long replayed;
        private boolean overflowed;

        @SuppressWarnings("unchecked")
        static Writes read(HazelcastInstance hazelcast, Set<String> ids) {
            // The journal reader is Hazelcast's internal API, the one Jet's journal sources use.
            var reader = (EventJournalReader<EventJournalMapEvent<String, Prediction>>) (Object)
                    ScorerMaps.predictions(hazelcast);
            Writes writes = new Writes();
            Map<String, Write> last = new HashMap<>();
            Set<String> duplicates = new HashSet<>();
            Set<String> replays = new HashSet<>();
            int partitions = hazelcast.getPartitionService().getPartitions().size();
            try {
                for (int partition = 0; partition < partitions; partition++) {
                    EventJournalInitialSubscriberState state = reader.subscribeToEventJournal(partition)
                            .toCompletableFuture().get();
                    writes.overflowed |= state.getOldestSequence() > 0;
                    long sequence = state.getOldestSequence();
                    while (sequence <= state.getNewestSequence()) {
                        ReadResultSet<EventJournalMapEvent<String, Prediction>> batch = reader.<EventJournalMapEvent<
                                String, Prediction>>readFromEventJournal(sequence, 0, BATCH, partition, null, null)
                                .toCompletableFuture().get();
                        for (EventJournalMapEvent<String, Prediction> event : batch) {
                            Prediction written = event.getNewValue();
                            if (written == null || !ids.contains(event.getKey())) {
                                continue;
                            }
                            Write write = new Write(written.jobId(), written.executionId());
                            Write before = last.put(event.getKey(), write);
                            if (before != null) {
                                boolean replay = before.jobId() == write.jobId() && before.executionId() != write.executionId();
                                (replay ? replays : duplicates).add(event.getKey());
                            }
                        }
                        sequence = batch.getNextSequenceToReadFrom();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the predictions journal", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not read the predictions journal: " + e.getCause(), e.getCause());
            }
            writes.duplicated = duplicates.size();
            writes.replayed = replays.size();
            return writes;
        }
    }

    @Override
    public String toString() {
        return String.format("%,d events, %,d predictions, %,d dead letters, lost %d, duplicated %d, rescored after a "
                + "restore %,d, stamped with a version never deployed at that epoch %d, by %d job execution(s)%s",
                events, predictions, deadLettered, lost, duplicated, replayed, notDeployed, executions,
                journalOverflowed ? " (the journal overflowed: write counts are lower bounds)" : "");
    }
}

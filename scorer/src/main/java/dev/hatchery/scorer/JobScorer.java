package dev.hatchery.scorer;

import com.hazelcast.jet.core.Processor;
import dev.hatchery.scorer.intake.Intake;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scoring processor's view of its member's {@link ModelHolder}: it stamps each prediction
 * with the job and execution that made it, so that a replay after a restore is told apart from
 * scoring an event twice.
 */
record JobScorer(ModelHolder holder, long jobId, long executionId) {

    private static final Logger LOG = LoggerFactory.getLogger(JobScorer.class);
    /**
     * How long a starting processor waits for its member's holder to serve every deployed
     * version. Long enough for a load after a member's death moved the registry's partitions;
     * bounded, because Jet waits for every processor's start.
     */
    static final long CATCH_UP_TIMEOUT_MILLIS = 10_000;

    /** Runs as the processor starts (not on a cooperative thread): the holder catches up first. */
    static JobScorer of(Processor.Context context) {
        ModelHolder holder = ModelHolder.of(context.hazelcastInstance());
        if (!holder.catchUp(CATCH_UP_TIMEOUT_MILLIS)) {
            LOG.warn("{}: the model holder did not catch up with the deployment pointers within {} ms; scoring"
                    + " starts anyway, and events of a model not yet loaded here go to the dead letters",
                    context.hazelcastInstance().getName(), CATCH_UP_TIMEOUT_MILLIS);
        }
        return new JobScorer(holder, context.jobId(), context.executionId());
    }

    /**
     * Scores a batch of events, each read from its put already ({@link Intake}): one prediction or
     * dead letter each, in order; a value that was no event is {@link Quarantined}. Complete on
     * return but while a model's deployed version is still on its way into service on this member
     * ({@link ModelHolder#scoreAll}); Jet keeps the order of the batches either way.
     */
    CompletableFuture<List<ScoreResult>> scoreAll(List<Intake<Event>> puts) {
        List<Map.Entry<String, Event>> events = new ArrayList<>(puts.size());
        List<@Nullable Quarantined> refused = null;
        for (int i = 0; i < puts.size(); i++) {
            switch (puts.get(i)) {
                case Intake.Readable<Event> readable -> events.add(Map.entry(readable.key(), readable.value()));
                case Intake.Refused<Event> poison -> {
                    if (refused == null) {
                        refused = new ArrayList<>(Collections.nCopies(puts.size(), null));
                    }
                    refused.set(i, new Quarantined(poison.unreadable(), System.currentTimeMillis()));
                }
            }
        }
        CompletableFuture<List<ScoreResult>> scored = isolated(events);
        if (refused == null) {
            return scored;
        }
        List<@Nullable Quarantined> inOrder = refused;
        return scored.thenApply(results -> interleave(results, inOrder));
    }

    /**
     * The batch scored as one, or, should that throw, each event on its own: an event that
     * makes scoring throw — whatever the bug — is its own dead letter, never a job that fails
     * on it again after every restore.
     */
    private CompletableFuture<List<ScoreResult>> isolated(List<Map.Entry<String, Event>> events) {
        try {
            return holder.scoreAll(events, jobId, executionId)
                    .exceptionallyCompose(failure -> oneByOne(events, failure));
        } catch (RuntimeException failure) {
            return oneByOne(events, failure);
        }
    }

    private CompletableFuture<List<ScoreResult>> oneByOne(List<Map.Entry<String, Event>> events, Throwable failure) {
        LOG.warn("scoring a batch of {} events failed ({}); scoring them one by one", events.size(), failure.toString());
        List<CompletableFuture<List<ScoreResult>>> each = new ArrayList<>(events.size());
        for (Map.Entry<String, Event> entry : events) {
            CompletableFuture<List<ScoreResult>> one;
            try {
                one = holder.scoreAll(List.of(entry), jobId, executionId);
            } catch (RuntimeException e) {
                one = CompletableFuture.failedFuture(e);
            }
            each.add(one.exceptionally(e -> List.of(failed(entry, e))));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).flatMap(List::stream).toList());
    }

    private ScoreResult failed(Map.Entry<String, Event> entry, Throwable failure) {
        Event event = entry.getValue();
        return DeadLetter.ofEvent(entry.getKey(), event.model() == null ? "" : event.model(), "scoring it failed on member "
                + holder.member() + ": " + failure, EventChecks.render(event), System.currentTimeMillis());
    }

    /** The batch's results in the order of its puts: each refused put where it was, the scored ones between. */
    private static List<ScoreResult> interleave(List<ScoreResult> scored, List<@Nullable Quarantined> refused) {
        List<ScoreResult> results = new ArrayList<>(refused.size());
        int next = 0;
        for (Quarantined quarantined : refused) {
            results.add(quarantined != null ? quarantined : scored.get(next++));
        }
        return results;
    }
}

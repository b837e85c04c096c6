package dev.hatchery.scorer;

import com.hazelcast.jet.core.Processor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
     * Scores a batch of events: one prediction or dead letter each, in order. Complete on return
     * but while a model's deployed version is still on its way into service on this member
     * ({@link ModelHolder#scoreAll}); Jet keeps the order of the batches either way.
     */
    CompletableFuture<List<ScoreResult>> scoreAll(List<Map.Entry<String, Event>> entries) {
        return holder.scoreAll(entries, jobId, executionId);
    }
}

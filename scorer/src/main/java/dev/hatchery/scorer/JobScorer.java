package dev.hatchery.scorer;

import com.hazelcast.jet.core.Processor;
import java.util.Map;

/**
 * One scoring processor's view of its member's {@link ModelHolder}: it stamps each prediction
 * with the job and execution that made it, so that a replay after a restore is told apart from
 * scoring an event twice.
 */
record JobScorer(ModelHolder holder, long jobId, long executionId) {

    static JobScorer of(Processor.Context context) {
        return new JobScorer(ModelHolder.of(context.hazelcastInstance()), context.jobId(), context.executionId());
    }

    ScoreResult score(Map.Entry<String, Event> entry) {
        return holder.score(entry.getKey(), entry.getValue(), jobId, executionId);
    }
}

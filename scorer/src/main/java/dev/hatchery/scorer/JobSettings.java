package dev.hatchery.scorer;

import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;

/**
 * How Hatchery's streaming jobs survive failures.
 *
 * @param guarantee            exactly-once by default: after a failure, jobs resume from their
 *                             last snapshot; keyed sinks make replays overwrite, not duplicate
 * @param snapshotIntervalMillis how often the jobs snapshot their sources and state. Each
 *                             snapshot costs every member CPU whether events flow or not (at 1 s,
 *                             an idle member of this project spent 0.4 of a core on them; at 5 s,
 *                             under 0.1); a longer interval means more events rescored (and
 *                             overwritten) after a failure
 */
public record JobSettings(ProcessingGuarantee guarantee, long snapshotIntervalMillis) {

    public static final JobSettings DEFAULTS = new JobSettings(ProcessingGuarantee.EXACTLY_ONCE, 5_000);

    public JobSettings {
        if (snapshotIntervalMillis < 1) {
            throw new IllegalArgumentException("snapshotIntervalMillis must be 1 or more, got " + snapshotIntervalMillis);
        }
    }

    public JobConfig jobConfig(String name) {
        return new JobConfig()
                .setName(name)
                .setProcessingGuarantee(guarantee)
                .setSnapshotIntervalMillis(snapshotIntervalMillis)
                // A failure Jet does not restart by itself suspends the job, keeping its last
                // snapshot, where Jet's default would end it: JobWatch resumes it.
                .setSuspendOnFailure(true);
    }
}

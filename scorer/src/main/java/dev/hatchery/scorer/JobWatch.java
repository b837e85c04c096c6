package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.JobSuspensionCause;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes Hatchery's streaming jobs from their last snapshot when a failure suspended them.
 *
 * <p>Jet restarts a job by itself after most failures, but not all: a member that dies while
 * an execution is still starting can fail that execution with "execution not found" (measured
 * here: one run in three under load), and a job configured as Jet's default then ends as
 * FAILED, its snapshot gone, and scores nothing more. Hatchery's jobs are submitted with
 * {@link JobSettings#jobConfig suspend on failure} instead, and every member runs a watch; the
 * oldest member's acts. A job suspended by an operator stays suspended. A job that keeps
 * failing is resumed less and less often (1 s, doubling, at most a minute apart).
 */
public final class JobWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWatch.class);
    static final long CHECK_EVERY_MILLIS = 1_000;
    static final long FIRST_DELAY_MILLIS = 1_000;
    static final long LONGEST_DELAY_MILLIS = 60_000;

    private final HazelcastInstance hazelcast;
    private final List<String> jobNames;
    private final ScheduledExecutorService timer;
    /** Touched by the timer's one thread only. */
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final AtomicInteger resumes = new AtomicInteger();

    private JobWatch(HazelcastInstance hazelcast, List<String> jobNames) {
        this.hazelcast = hazelcast;
        this.jobNames = List.copyOf(jobNames);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("hatchery-job-watch-" + hazelcast.getName()).factory());
    }

    /** Watches the named jobs from now on, until {@link #close()}. */
    public static JobWatch start(HazelcastInstance hazelcast, List<String> jobNames) {
        JobWatch watch = new JobWatch(hazelcast, jobNames);
        watch.timer.scheduleWithFixedDelay(watch::check, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** How many times this member's watch resumed a job. */
    public int resumes() {
        return resumes.get();
    }

    private void check() {
        try {
            if (!hazelcast.getLifecycleService().isRunning()
                    || !hazelcast.getCluster().getMembers().iterator().next().localMember()) {
                return;
            }
            long nowMillis = System.currentTimeMillis();
            for (String name : jobNames) {
                Job job = hazelcast.getJet().getJob(name);
                if (job != null) {
                    check(name, job, nowMillis);
                }
            }
        } catch (HazelcastInstanceNotActiveException stopping) {
            // the member is shutting down; close() follows
        } catch (RuntimeException e) {
            // The next check tries again: a watch that stopped would leave the jobs unwatched.
            LOG.warn("could not check Hatchery's jobs: {}", e.toString());
        }
    }

    private void check(String name, Job job, long nowMillis) {
        Backoff backoff = backoffs.computeIfAbsent(name, n -> new Backoff());
        if (job.getStatus() != JobStatus.SUSPENDED) {
            return;
        }
        JobSuspensionCause cause;
        try {
            cause = job.getSuspensionCause();
        } catch (IllegalStateException resumedMeanwhile) {
            return;
        }
        if (!cause.dueToError() || nowMillis < backoff.nextResumeMillis) {
            return;
        }
        long delayMillis = backoff.resumed(nowMillis);
        String failure = JobRecovery.failure(cause.errorCause());
        LOG.warn("job '{}' was suspended by a failure; resuming it from its last snapshot (next resume no sooner "
                + "than {} ms from now if it fails again): {}", name, delayMillis, failure);
        job.resume();
        resumes.incrementAndGet();
        record(name, nowMillis, failure);
    }

    /** For operators ({@code hatchery jobs}); a record that cannot be written never holds up a resume. */
    private void record(String name, long nowMillis, String failure) {
        String member = hazelcast.getName();
        try {
            ScorerMaps.jobRecoveries(hazelcast).compute(name, (job, before) -> before == null
                    ? JobRecovery.first(job, nowMillis, failure, member)
                    : before.next(nowMillis, failure, member));
        } catch (RuntimeException e) {
            LOG.warn("could not record the resume of job '{}': {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When a failing job may be resumed next: a failure long after the last resume starts over. */
    static final class Backoff {
        long nextResumeMillis;
        long lastResumeMillis = Long.MIN_VALUE / 2;
        long delayMillis = FIRST_DELAY_MILLIS;

        /** Records a resume now; returns the delay before the next. */
        long resumed(long nowMillis) {
            if (nowMillis - lastResumeMillis > 2 * LONGEST_DELAY_MILLIS) {
                delayMillis = FIRST_DELAY_MILLIS;
            } else {
                delayMillis = Math.min(2 * delayMillis, LONGEST_DELAY_MILLIS);
            }
            lastResumeMillis = nowMillis;
            nextResumeMillis = nowMillis + delayMillis;
            return delayMillis;
        }
    }
}

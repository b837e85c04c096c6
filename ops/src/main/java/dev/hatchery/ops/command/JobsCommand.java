package dev.hatchery.ops.command;

import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.JobSuspensionCause;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.scorer.JobRecovery;
import dev.hatchery.scorer.ScorerMaps;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jobs}: whether Hatchery's streaming jobs run, and how often a member's watch had to
 * resume one after a failure. Exits with {@link ExitCode#JOB_NOT_RUNNING} if one does not run,
 * so that a health check can call it.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Whether the scoring and feedback jobs run, and their resumes after failures.")
public final class JobsCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * One job.
     *
     * @param status            Jet's status in lower case, or "not submitted"
     * @param suspension        why a suspended job is suspended (an operator, or the failure), else null
     * @param resumes           how many times a watch resumed it after a failure, since the cluster started
     * @param failingRepeatedly resumed {@link JobRecovery#REPEATED} times or more in a row lately, each
     *                          time failing again: the same input or fault, most likely, named by the cause
     * @param failingSince      the first resume of that streak, if it is failing repeatedly
     */
    public record JobReport(String job, String status, @Nullable String submittedAt, @Nullable String suspension,
            int resumes, @Nullable String lastResumedAt, @Nullable String lastResumeCause, boolean failingRepeatedly,
            @Nullable String failingSince) {

        boolean running() {
            return status.equals(JobStatus.RUNNING.name().toLowerCase(Locale.ROOT));
        }

        /** What is wrong with the job, in one line, or null if it runs and is not failing again and again. */
        @Nullable String trouble() {
            if (failingRepeatedly) {
                return job + " fails repeatedly: resumed after each failure since " + failingSince + ", "
                        + status + " now; last failure: " + lastResumeCause;
            }
            return running() ? null : job + " is " + status + (suspension == null ? "" : " (" + suspension + ")");
        }
    }

    @Override
    public Integer call() {
        try (OperatorClient client = connection.connect("jobs")) {
            List<JobReport> reports = reports(client);
            output.print(spec.commandLine().getOut(), reports, () -> table(reports));
            return reports.stream().allMatch(JobReport::running) ? ExitCode.OK.code() : ExitCode.JOB_NOT_RUNNING.code();
        }
    }

    /** Every job a node runs, as it is now. */
    static List<JobReport> reports(OperatorClient client) {
        return HatcheryNode.JOB_NAMES.stream().map(name -> report(client, name)).toList();
    }

    private static JobReport report(OperatorClient client, String name) {
        JobRecovery recovery = ScorerMaps.ReadOnly.jobRecoveries(client.hazelcast()).get(name);
        int resumes = recovery == null ? 0 : recovery.resumes();
        String lastAt = recovery == null ? null : StatusReader.time(recovery.lastResumedAtMillis());
        String lastCause = recovery == null ? null : recovery.lastCause();
        boolean repeatedly = recovery != null && recovery.failingRepeatedly(System.currentTimeMillis());
        String since = repeatedly ? StatusReader.time(recovery.streakSinceMillis()) : null;
        Job job = client.hazelcast().getJet().getJob(name);
        if (job == null) {
            return new JobReport(name, "not submitted", null, null, resumes, lastAt, lastCause, repeatedly, since);
        }
        JobStatus status = job.getStatus();
        return new JobReport(name, status.name().toLowerCase(Locale.ROOT), StatusReader.time(job.getSubmissionTime()),
                status == JobStatus.SUSPENDED ? suspension(job) : null, resumes, lastAt, lastCause, repeatedly, since);
    }

    private static @Nullable String suspension(Job job) {
        JobSuspensionCause cause;
        try {
            cause = job.getSuspensionCause();
        } catch (IllegalStateException resumedMeanwhile) {
            return null;
        }
        return cause.requestedByUser() ? "by an operator" : "by a failure: " + JobRecovery.failure(cause.errorCause());
    }

    static String table(List<JobReport> reports) {
        Table t = Table.of("JOB", "STATUS", "SUBMITTED", "RESUMES AFTER FAILURES", "LAST RESUMED", "LAST FAILURE");
        reports.forEach(r -> t.row(r.job(), r.status() + (r.suspension() == null ? "" : " (" + r.suspension() + ")")
                        + (r.failingRepeatedly() ? ", FAILING REPEATEDLY since " + r.failingSince() : ""),
                r.submittedAt(), r.resumes(), r.lastResumedAt(), r.lastResumeCause()));
        return t.render();
    }
}

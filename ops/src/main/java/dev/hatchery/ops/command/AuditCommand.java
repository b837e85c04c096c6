package dev.hatchery.ops.command;

import dev.hatchery.scorer.ScoringAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: what became of a model's events, counted from the maps themselves by {@link
 * ScoringAudit}. Exits with {@link ExitCode#LOST_OR_DUPLICATED} if an event was lost or scored
 * twice, so that a health check can call it.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Count a model's events, predictions and dead letters, and the events lost or scored twice"
                + " (exit code 24 if any).")
public final class AuditCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL")
    String model;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceText.class,
            description = "only events whose event time is TIME or later: an ISO-8601 instant (2025-06-01T12:00:00Z)"
                    + " or how long ago (90s, 30m, 6h, 2d, PT1H) (default: every event kept)")
    @Nullable Instant since;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long an event with neither a prediction nor a dead letter is given to be scored"
                    + " before it counts as lost (default: ${DEFAULT-VALUE} s)")
    int graceSeconds;

    /**
     * What became of the model's events; the counts are {@link ScoringAudit}'s.
     *
     * @param since             the earliest event time audited (ISO-8601), null for every event kept
     * @param journalOverflowed the predictions journal had dropped its oldest writes: {@code duplicated}
     *                          and {@code rescoredAfterRestore} are lower bounds
     * @param clean             nothing lost and nothing duplicated, and so exit code 0
     */
    public record Report(String model, @Nullable String since, long events, long predictions, long deadLetters,
            long lost, long duplicated, long rescoredAfterRestore, long notDeployed, int jobExecutions,
            boolean journalOverflowed, boolean clean) {

        static Report of(String model, @Nullable Instant since, ScoringAudit audit) {
            return new Report(model, since == null ? null : since.toString(), audit.events(), audit.predictions(),
                    audit.deadLettered(), audit.lost(), audit.duplicated(), audit.replayed(), audit.notDeployed(),
                    audit.executions(), audit.journalOverflowed(), audit.lost() == 0 && audit.duplicated() == 0);
        }
    }

    @Override
    public Integer call() {
        if (graceSeconds < 0) {
            throw new CommandFailure(ExitCode.USAGE, "--grace must be 0 seconds or more, got " + graceSeconds);
        }
        try (OperatorClient client = connection.connect("audit")) {
            if (client.registry().deployment(model).isEmpty() && client.trainer().definition(model).isEmpty()) {
                // Neither deployed nor defined (whose events wait as dead letters): refused, naming the models there are.
                client.deployed(model);
            }
            // The events there now: those written while the audit runs are the next audit's.
            List<String> ids = ScoringAudit.eventIds(client.hazelcast(), model,
                    since == null ? Long.MIN_VALUE : since.toEpochMilli());
            ScoringAudit audit = ScoringAudit.of(client.hazelcast(), ids);
            if (audit.lost() > 0 && graceSeconds > 0) {
                // An event written a moment ago may still be on its way through the scoring job.
                LockSupport.parkNanos(Duration.ofSeconds(graceSeconds).toNanos());
                audit = ScoringAudit.of(client.hazelcast(), ids);
            }
            Report report = Report.of(model, since, audit);
            output.print(spec.commandLine().getOut(), report, () -> table(report));
            return report.clean() ? ExitCode.OK.code() : ExitCode.LOST_OR_DUPLICATED.code();
        }
    }

    static String table(Report r) {
        Table t = Table.of("AUDIT " + r.model(), "");
        t.row("events", count(r.events()) + (r.since() == null ? ", every one kept" : " since " + r.since()
                + " (event time)"));
        t.row("predictions", count(r.predictions()));
        t.row("dead letters", count(r.deadLetters()));
        t.row("lost", count(r.lost()) + (r.lost() == 0 ? "" : ": neither a prediction nor a dead letter"));
        t.row("duplicated", count(r.duplicated()) + (r.duplicated() == 0 ? "" : ": a prediction written more than once,"
                + " not by a restore"));
        t.row("rescored after a restore", count(r.rescoredAfterRestore()));
        t.row("stamped with a version never deployed", count(r.notDeployed()));
        t.row("job executions", r.jobExecutions());
        if (r.journalOverflowed()) {
            t.row("predictions journal", "overflowed: duplicated and rescored are lower bounds (jobs.journalCapacity)");
        }
        return t.render() + verdict(r) + "\n";
    }

    private static String verdict(Report r) {
        if (r.events() == 0) {
            return "no events of '" + r.model() + "'" + (r.since() == null ? "" : " since " + r.since()) + " to audit";
        }
        if (r.clean()) {
            return "clean: each of the " + count(r.events()) + " events has one prediction or a dead letter";
        }
        StringBuilder text = new StringBuilder("NOT CLEAN:");
        if (r.lost() > 0) {
            text.append(' ').append(count(r.lost())).append(" lost (is the scoring job running? './hatchery jobs')");
        }
        if (r.duplicated() > 0) {
            text.append(r.lost() > 0 ? ";" : "").append(' ').append(count(r.duplicated()))
                    .append(" scored twice (an event written again with other features is scored again; so is one"
                            + " scored by two jobs)");
        }
        return text.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

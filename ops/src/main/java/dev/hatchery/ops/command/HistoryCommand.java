package dev.hatchery.ops.command;

import com.hazelcast.sql.HazelcastSqlException;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code history}: every change of a model's deployment pointer, with the accuracy the version
 * had while that deployment served (its epoch's labelled outcomes), and the operators' audit.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every deployment of a model with its accuracy while it served, and the audit of operators' commands.")
public final class HistoryCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL")
    String model;

    /** One deployment: the accuracy is over the outcomes scored at its epoch, null if none is labelled. */
    public record Entry(long epoch, int version, String action, String at, String by, String reason,
            long labelled, @Nullable Double accuracy) {
    }

    public record Audit(String at, String actor, String command, String reason, String result) {
    }

    public record History(String model, List<Entry> deployments, List<Audit> audit) {
    }

    @Override
    public Integer call() {
        try (OperatorClient client = connection.connect("history")) {
            client.deployed(model);
            Map<Long, long[]> byEpoch = outcomesByEpoch(client, model);
            List<Entry> entries = client.registry().history(model).stream().map(d -> entry(d, byEpoch)).toList();
            List<Audit> audit = client.registry().audits(model).stream().map(HistoryCommand::audit).toList();
            History history = new History(model, entries, audit);
            output.print(spec.commandLine().getOut(), history, () -> table(history));
            return ExitCode.OK.code();
        }
    }

    private static Entry entry(Deployment d, Map<Long, long[]> byEpoch) {
        long[] counts = byEpoch.getOrDefault(d.epoch(), new long[2]);
        return new Entry(d.epoch(), d.version(), d.action().name().toLowerCase(Locale.ROOT),
                StatusReader.time(d.publishedAtMillis()), d.by(), d.reason(), counts[0],
                counts[0] == 0 ? null : (double) counts[1] / counts[0]);
    }

    private static Audit audit(AuditEntry e) {
        return new Audit(StatusReader.time(e.atMillis()), e.actor(), e.command(), e.reason(), e.result());
    }

    /** Labelled and correct outcomes per epoch, counted by the cluster (SQL over the outcomes map). */
    static Map<Long, long[]> outcomesByEpoch(OperatorClient client, String model) {
        Map<Long, long[]> counts = new HashMap<>();
        String query = "SELECT epoch, COUNT(*), SUM(CASE WHEN true_class = predicted_class THEN 1 ELSE 0 END) FROM "
                + FeedbackMaps.OUTCOMES + " WHERE model = ? GROUP BY epoch";
        try (SqlResult result = client.hazelcast().getSql().execute(query, model)) {
            for (SqlRow row : result) {
                Number correct = row.getObject(2);
                counts.put(((Number) row.getObject(0)).longValue(),
                        new long[] {((Number) row.getObject(1)).longValue(), correct == null ? 0 : correct.longValue()});
            }
        } catch (HazelcastSqlException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot count the outcomes of '" + model + "' by epoch: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; members create the "
                    + FeedbackMaps.OUTCOMES + " mapping when they start: is this a Hatchery cluster?", e);
        }
        return counts;
    }

    static String table(History history) {
        Table deployments = Table.of("EPOCH", "VERSION", "ACTION", "AT", "BY", "ACCURACY", "LABELLED", "REASON");
        history.deployments().forEach(e -> deployments.row(e.epoch(), "v" + e.version(), e.action(), e.at(), e.by(),
                e.accuracy(), e.labelled(), e.reason()));
        StringBuilder text = new StringBuilder("deployments of '" + history.model() + "'\n")
                .append(deployments.render());
        Table audit = Table.of("AT", "ACTOR", "COMMAND", "RESULT", "REASON");
        history.audit().forEach(a -> audit.row(a.at(), a.actor(), a.command(), a.result(), a.reason()));
        text.append("\naudit of '").append(history.model()).append("'\n")
                .append(audit.isEmpty() ? "no operator commands yet\n" : audit.render());
        return text.toString();
    }
}

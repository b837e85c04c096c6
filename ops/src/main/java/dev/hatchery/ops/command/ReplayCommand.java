package dev.hatchery.ops.command;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import dev.hatchery.ops.feed.PacedFeed;
import dev.hatchery.ops.feed.WriteFailure;
import dev.hatchery.ops.feed.WriteRetry;
import dev.hatchery.ops.stream.CsvStream;
import dev.hatchery.ops.stream.InvalidCsvException;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.ops.stream.Schema;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.trainer.ModelDefinition;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: streams a CSV file into a running cluster as events, and each row's label
 * {@code --label-delay} rows later, at {@code --rate} rows a second. A model the cluster does not
 * know yet is defined from the file's header (features: every column but the label; classes:
 * the label values) with the default settings: the members train its v1 on its first window of
 * labelled events, then score, retrain and deploy it as usual. The file is checked whole before
 * connecting ({@link CsvStream}): a ragged row or a feature column that is not numeric ends the
 * replay with {@link ExitCode#UNREADABLE_FILE}, having written nothing. A write the cluster did
 * not take (a member lost, the client reconnecting) is written again unchanged for up to
 * {@code --timeout}; then the replay stops with {@link ExitCode#CLUSTER_UNREACHABLE}, naming the row.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Stream a CSV file into the cluster's events and labels, defining the model from its header if new.")
public final class ReplayCommand implements Callable<Integer> {

    private static final int BATCH = 100;

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a CSV file with a header row")
    Path file;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the column holding each row's class")
    String labelColumn;

    @Option(names = "--label-delay", paramLabel = "K", defaultValue = "0",
            description = "row i's label is written after row i+K's event (default: ${DEFAULT-VALUE})")
    int labelDelay;

    @Option(names = "--rate", paramLabel = "ROWS_PER_SECOND", defaultValue = "1000",
            description = "rows per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Override
    public Integer call() {
        String model = change.model();
        if (labelDelay < 0 || rate < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--label-delay must be 0 or more and --rate 1 or more, got "
                    + labelDelay + " and " + rate);
        }
        requireReadable();
        // The whole file is checked before connecting: a file that is refused writes nothing.
        try (CsvStream csv = open(); OperatorClient client = change.connectWriter()) {
            Schema schema = csv.schema();
            String defined = client.audited(model, "replay " + file.getFileName(), "", () -> fit(client, schema),
                    text -> text);
            String replay = UUID.randomUUID().toString().substring(0, 8);
            WriteRetry retry = new WriteRetry(change.timeout());
            long streamed = stream(client, csv, replay, csv.rows(), retry);
            String result = "replayed " + streamed + " rows as events " + model + "-" + replay + "-*";
            // Nothing can be learned or judged from a row without a label, but the operator hears of it.
            String skipped = csv.skippedRows() == 0 ? "" : "; skipped " + csv.skippedRows() + " row(s) with no value"
                    + " in column '" + labelColumn + "' (the first: '" + csv.firstSkippedRow() + "')";
            // Nothing was lost, but a member that went away mid-replay is worth knowing about.
            String retried = retry.retried() == 0 ? "" : "; retried " + retry.retried() + " write(s) the cluster did"
                    + " not take at first (a member lost or slow to answer), each row still written once";
            // Retried like the rows: an entry cut off after it was stored may show twice in the history.
            retry.run(() -> client.audit(model, "replay " + file.getFileName(), "", result + skipped + retried));
            spec.commandLine().getOut().printf(Locale.ROOT, "%s of '%s' from %s, labels %d rows later%s%s; %s%n",
                    result, model, file, labelDelay, skipped, retried, defined);
            return ExitCode.OK.code();
        } catch (WriteFailure e) {
            throw new CommandFailure(ExitCode.CLUSTER_UNREACHABLE, "replay of '" + model + "' finished its rows, but"
                    + " the cluster did not take its audit entry within " + change.timeout().toSeconds() + " s ("
                    + lastFailure(e) + "): every row is written; check the members", e);
        } catch (HazelcastException | HazelcastClientNotActiveException | HazelcastClientOfflineException e) {
            // Before or after streaming (connecting, defining the model, the audit): one line, not a trace.
            throw new CommandFailure(WriteRetry.isClusterFailure(e) ? ExitCode.CLUSTER_UNREACHABLE : ExitCode.FAILED,
                    "replay of '" + model + "' failed: " + oneLine(e) + ": check the members, then try again", e);
        }
    }

    private void requireReadable() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandFailure(ExitCode.UNREADABLE_FILE, "cannot read " + file + ": "
                    + (Files.exists(file) ? "not a readable file" : "no such file") + ": check the path");
        }
    }

    private CsvStream open() {
        try {
            return CsvStream.open(file, labelColumn);
        } catch (UncheckedIOException e) {
            throw new CommandFailure(ExitCode.UNREADABLE_FILE, "cannot read " + file + ": " + e.getCause().getMessage()
                    + ": check that it is a text CSV file", e);
        } catch (InvalidCsvException e) {
            throw new CommandFailure(ExitCode.UNREADABLE_FILE, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage().contains("has no column") ? ExitCode.SCHEMA_MISMATCH
                    : ExitCode.UNREADABLE_FILE, e.getMessage() + ": pass the label column with --label", e);
        }
    }

    /**
     * Checks the file against the model the cluster knows (its serving version, or its definition),
     * or defines the model from the header; says which.
     */
    private String fit(OperatorClient client, Schema schema) {
        String model = change.model();
        Optional<Deployment> deployed = client.registry().deployment(model);
        if (deployed.isPresent()) {
            ModelVersion serving = client.version(model, deployed.get().version());
            requireSameFeatures(serving.features(), schema, serving.key() + " serves");
            return "model '" + model + "' serves v" + serving.version() + " (epoch " + deployed.get().epoch() + ")";
        }
        Optional<ModelDefinition> known = client.trainer().definition(model);
        if (known.isPresent()) {
            requireSameFeatures(known.get().features(), schema, "model '" + model + "' is defined");
            return "model '" + model + "' is defined and waits for its first window (trainer.window.minRows "
                    + client.config().trainer().policy(model).window().minRows() + " labelled events) to train v1";
        }
        if (schema.classes().size() < 2) {
            throw new CommandFailure(ExitCode.SCHEMA_MISMATCH, file + " has " + schema.classes().size() + " class(es) in"
                    + " column '" + labelColumn + "': a model needs two or more; check the --label column");
        }
        ModelDefinition definition = client.trainer().define(new ModelDefinition(model, schema.features(),
                schema.classes(), client.actor(), System.currentTimeMillis()));
        requireSameFeatures(definition.features(), schema, "model '" + model + "' is defined");
        return "defined model '" + model + "' from the header: features " + definition.features() + ", classes "
                + definition.classes() + "; the cluster trains v1 once trainer.window.minRows ("
                + client.config().trainer().policy(model).window().minRows() + ") events are labelled";
    }

    private void requireSameFeatures(java.util.List<String> expected, Schema schema, String what) {
        if (!expected.equals(schema.features())) {
            throw new CommandFailure(ExitCode.SCHEMA_MISMATCH, what + " with features " + expected + ", but " + file
                    + " has " + schema.features() + ": replay a file with those columns, or under another --model");
        }
    }

    private long stream(OperatorClient client, CsvStream csv, String replay, long total, WriteRetry retry) {
        String model = change.model();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "replay " + model, total);
        PacedFeed feed = new PacedFeed(client.hazelcast(), model, labelDelay, rate, BATCH, retry);
        try {
            while (csv.hasNext()) {
                LabelledRow row = csv.next();
                String id = model + "-" + replay + "-" + String.format("%09d", feed.rows());
                if (feed.add(id, row.features(), csv.schema().classes().get(row.label()))) {
                    bar.update(feed.rows());
                }
            }
            feed.finish();
        } catch (WriteFailure e) {
            // The bar's line ends here, so that the error has a line of its own.
            bar.finish(feed.rowsWritten());
            String where = csv.hasNext() || feed.rowsWritten() < feed.rows()
                    ? String.format(Locale.ROOT, "at row %,d of %,d", feed.rowsWritten() + 1, total)
                    : "writing its last labels";
            throw new CommandFailure(ExitCode.CLUSTER_UNREACHABLE, String.format(Locale.ROOT, "replay of '%s' stopped %s:"
                    + " the cluster took no write within %d s (%s); the first %,d rows are in the cluster as events"
                    + " %s-%s-*%s: check the members, then replay the rest", model, where, change.timeout().toSeconds(),
                    lastFailure(e), feed.rowsWritten(), model, replay,
                    labelDelay == 0 ? "" : ", their labels up to " + labelDelay + " rows behind"), e);
        }
        bar.finish(feed.rows());
        return feed.rows();
    }

    private static String lastFailure(WriteFailure failure) {
        return failure.attempts() + " attempt(s); last: " + oneLine(failure.getCause());
    }

    /** A Hazelcast failure in one line of readable length: its connection dumps run long. */
    private static String oneLine(Throwable failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        message = message.replaceAll("\\s+", " ");
        return message.length() <= 160 ? message : message.substring(0, 160) + "…";
    }
}

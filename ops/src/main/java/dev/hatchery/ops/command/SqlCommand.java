package dev.hatchery.ops.command;

import com.hazelcast.sql.HazelcastSqlException;
import com.hazelcast.sql.SqlColumnMetadata;
import com.hazelcast.sql.SqlExpectedResultType;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import com.hazelcast.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sql}: one Hazelcast SQL query against the cluster's maps, its rows printed. Queries only:
 * a statement that changes a map would bypass the audit that every changing command writes.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one Hazelcast SQL query against the maps (deployments, training_runs, quality, …).")
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** What Hazelcast says of a statement that returns no rows when rows are expected. */
    private static final String NO_ROWS = "doesn't produce rows";

    @Parameters(index = "0", paramLabel = "QUERY")
    String query;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000",
            description = "stop after this many rows (default: ${DEFAULT-VALUE})")
    int maxRows;

    /** The query's columns and rows. */
    public record Result(List<String> columns, List<Map<String, @Nullable Object>> rows) {
    }

    @Override
    public Integer call() {
        try (OperatorClient client = connection.connect("sql")) {
            Result result = run(client);
            output.print(spec.commandLine().getOut(), result, () -> table(result));
            return ExitCode.OK.code();
        }
    }

    private Result run(OperatorClient client) {
        // The members refuse, before running it, a statement that returns no rows (DML, DDL, jobs).
        SqlStatement statement = new SqlStatement(query).setExpectedResultType(SqlExpectedResultType.ROWS);
        try (SqlResult result = client.hazelcast().getSql().execute(statement)) {
            List<String> columns = result.getRowMetadata().getColumns().stream().map(SqlColumnMetadata::getName).toList();
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            for (SqlRow row : result) {
                if (rows.size() >= maxRows) {
                    break;
                }
                Map<String, @Nullable Object> values = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    Object value = row.getObject(c);
                    values.put(columns.get(c), value == null || value instanceof Number || value instanceof Boolean
                            || value instanceof String ? value : value.toString());
                }
                rows.add(values);
            }
            return new Result(columns, rows);
        } catch (HazelcastSqlException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            if (why.contains(NO_ROWS)) {
                throw new CommandFailure(ExitCode.BAD_SQL, "sql runs queries only (SELECT, SHOW, EXPLAIN), and this"
                        + " statement returns no rows: changes go through the audited commands (promote, rollback, pin,"
                        + " retrain, …), so that the history says who made them and why", e);
            }
            throw new CommandFailure(ExitCode.BAD_SQL, "SQL failed: " + why + ": check the statement; the tables are"
                    + " the maps (e.g. deployments, deployment_history, training_runs, quality, outcomes)", e);
        }
    }

    static String table(Result result) {
        Table table = Table.of(result.columns().toArray(String[]::new));
        result.rows().forEach(row -> table.row(row.values().toArray()));
        return table.render() + "(" + result.rows().size() + " rows)\n";
    }
}

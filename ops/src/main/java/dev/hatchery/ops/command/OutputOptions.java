package dev.hatchery.ops.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --output table|json}, shared by every read command as a picocli mixin. */
public final class OutputOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "table (for people) or json (for programs) (default: ${DEFAULT-VALUE})")
    OutputFormat format = OutputFormat.TABLE;

    /** Prints {@code value} as JSON, or the text {@code table} makes of it. */
    public void print(PrintWriter out, Object value, Supplier<String> table) {
        switch (format) {
            case JSON -> out.println(json(value));
            case TABLE -> out.print(table.get());
        }
        out.flush();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }
}

package dev.hatchery.ops.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Replays a CSV file with a header row: the label column names the class (a word or a number),
 * every other column is a feature. Classes are the label values in order of first appearance,
 * found by one pass over the file before streaming. A cell that is not a number becomes NaN,
 * so that the scorer dead-letters that row with a reason rather than losing it here.
 */
public final class CsvStream implements LabelledStream, AutoCloseable {

    private final Path file;
    private final Schema schema;
    private final int labelIndex;
    private final int columns;
    private final BufferedReader reader;
    private @Nullable String pending;
    private long line;
    private long skipped;
    private @Nullable String firstSkipped;

    private CsvStream(Path file, Schema schema, int labelIndex, int columns, BufferedReader reader) {
        this.file = file;
        this.schema = schema;
        this.labelIndex = labelIndex;
        this.columns = columns;
        this.reader = reader;
        advance();
    }

    public static CsvStream open(Path file, String labelColumn) {
        try {
            List<String> header;
            Set<String> classes = new LinkedHashSet<>();
            int labelIndex;
            try (BufferedReader scan = Files.newBufferedReader(file)) {
                String first = nextDataLine(scan);
                if (first == null) {
                    throw new IllegalArgumentException(file + " is empty: it needs a header row");
                }
                header = cells(first);
                labelIndex = header.indexOf(labelColumn);
                if (labelIndex < 0) {
                    throw new IllegalArgumentException(file + " has no column '" + labelColumn + "'; its columns are "
                            + header);
                }
                for (String row = nextDataLine(scan); row != null; row = nextDataLine(scan)) {
                    List<String> cells = cells(row);
                    if (cells.size() > labelIndex && !cells.get(labelIndex).isEmpty()) {
                        classes.add(cells.get(labelIndex));
                    }
                }
            }
            List<String> features = new ArrayList<>(header);
            features.remove(labelIndex);
            Schema schema = new Schema(features, List.copyOf(classes));
            BufferedReader reader = Files.newBufferedReader(file);
            nextDataLine(reader);
            return new CsvStream(file, schema, labelIndex, header.size(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    /** The next row. Rows without a label are skipped: nothing can be learned or judged from them. */
    @Override
    public LabelledRow next() {
        if (pending == null) {
            throw new IllegalStateException(file + " has no more rows");
        }
        List<String> cells = cells(pending);
        advance();
        double[] features = new double[columns - 1];
        Arrays.fill(features, Double.NaN);
        for (int c = 0, f = 0; c < columns; c++) {
            if (c == labelIndex) {
                continue;
            }
            features[f++] = c < cells.size() ? number(cells.get(c)) : Double.NaN;
        }
        return new LabelledRow(features, schema.classes().indexOf(cells.get(labelIndex)));
    }

    private void advance() {
        try {
            pending = nextDataLine(reader);
            line++;
            while (pending != null && !hasLabel(pending)) {
                skipped++;
                if (firstSkipped == null) {
                    firstSkipped = pending;
                }
                pending = nextDataLine(reader);
                line++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " near line " + line + ": " + e.getMessage(), e);
        }
    }

    /** How many rows so far were skipped for having no label. */
    public long skippedRows() {
        return skipped;
    }

    /** The first row skipped for having no label, as it is in the file; null if none was. */
    public @Nullable String firstSkippedRow() {
        return firstSkipped;
    }

    private boolean hasLabel(String row) {
        List<String> cells = cells(row);
        return cells.size() > labelIndex && !cells.get(labelIndex).isEmpty();
    }

    private static @Nullable String nextDataLine(BufferedReader reader) throws IOException {
        String row;
        do {
            row = reader.readLine();
        } while (row != null && (row.isBlank() || row.startsWith("#")));
        return row;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.split(",", -1)) {
            String trimmed = cell.trim();
            if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            cells.add(trimmed);
        }
        return cells;
    }

    private static double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

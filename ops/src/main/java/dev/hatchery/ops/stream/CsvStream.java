package dev.hatchery.ops.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Replays a CSV file with a header row: the label column names the class (a word or a number,
 * quoted if it holds a comma), every other column is a feature. The file is read twice, row by
 * row, so memory does not grow with it: a first pass checks it and finds the classes (the label
 * values in order of first appearance, however late), the second streams it. The first pass
 * refuses, with an {@link InvalidCsvException}, a file whose rows do not line up with its header
 * or that has a feature column that does not hold numbers ({@link FeatureTally}); an occasional
 * cell that is not a number becomes NaN, so that the scorer dead-letters that row with a reason
 * rather than losing it here. Rows with an empty label are skipped and counted.
 */
public final class CsvStream implements LabelledStream, AutoCloseable {

    private final Schema schema;
    private final int labelIndex;
    private final long rows;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final CsvRows reader;
    private CsvRows.@Nullable Row pending;
    private long skipped;
    private @Nullable String firstSkipped;

    private CsvStream(Schema schema, int labelIndex, long rows, CsvRows reader) {
        this.schema = schema;
        this.labelIndex = labelIndex;
        this.rows = rows;
        this.reader = reader;
        schema.classes().forEach(name -> classIndex.put(name, classIndex.size()));
        advance();
    }

    /**
     * Checks {@code file} and opens it for streaming.
     *
     * @throws InvalidCsvException      if it is empty, a row is wider or narrower than the header, a
     *                                  quote is not closed, or a feature column is not numeric
     * @throws IllegalArgumentException if it has no column {@code labelColumn}, or fewer than two classes
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public static CsvStream open(Path file, String labelColumn) {
        List<String> header;
        int labelIndex;
        Set<String> classes = new LinkedHashSet<>();
        long labelled = 0;
        try (CsvRows scan = CsvRows.open(file)) {
            header = scan.header();
            labelIndex = header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new IllegalArgumentException(file + " has no column '" + labelColumn + "'; its columns are "
                        + header);
            }
            FeatureTally tally = new FeatureTally(features(header, labelIndex));
            while (scan.hasNext()) {
                CsvRows.Row row = scan.next();
                String label = row.cells().get(labelIndex);
                if (label.isEmpty()) {
                    continue;
                }
                labelled++;
                classes.add(label);
                for (int c = 0, f = 0; c < header.size(); c++) {
                    if (c != labelIndex) {
                        tally.count(f++, row.cells().get(c), row.line());
                    }
                }
            }
            tally.requireNumeric(file, labelColumn);
        }
        Schema schema = new Schema(features(header, labelIndex), List.copyOf(classes));
        return new CsvStream(schema, labelIndex, labelled, CsvRows.open(file));
    }

    private static List<String> features(List<String> header, int labelIndex) {
        List<String> features = new ArrayList<>(header);
        features.remove(labelIndex);
        return features;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** How many rows with a label the file holds: what streaming it yields. */
    public long rows() {
        return rows;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    /** The next row. Rows without a label are skipped: nothing can be learned or judged from them. */
    @Override
    public LabelledRow next() {
        CsvRows.Row row = pending;
        if (row == null) {
            throw new IllegalStateException("the file has no more rows");
        }
        advance();
        List<String> cells = row.cells();
        double[] features = new double[cells.size() - 1];
        for (int c = 0, f = 0; c < cells.size(); c++) {
            if (c != labelIndex) {
                features[f++] = number(cells.get(c));
            }
        }
        Integer label = classIndex.get(cells.get(labelIndex));
        if (label == null) {
            // Only if the file changed between the two passes.
            throw new InvalidCsvException("line " + row.line() + " has class '" + cells.get(labelIndex)
                    + "', which the file did not have when it was opened: replay a file that is not being written to");
        }
        return new LabelledRow(features, label);
    }

    private void advance() {
        pending = reader.hasNext() ? reader.next() : null;
        while (pending != null && pending.cells().get(labelIndex).isEmpty()) {
            skipped++;
            if (firstSkipped == null) {
                firstSkipped = pending.text();
            }
            pending = reader.hasNext() ? reader.next() : null;
        }
    }

    /** How many rows so far were skipped for having no label. */
    public long skippedRows() {
        return skipped;
    }

    /** The first row skipped for having no label, written as CSV; null if none was. */
    public @Nullable String firstSkippedRow() {
        return firstSkipped;
    }

    /** The cell as a number; NaN if it is not one, for the scorer to dead-letter. */
    static double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}

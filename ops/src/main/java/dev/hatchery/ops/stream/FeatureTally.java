package dev.hatchery.ops.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * For each feature column of a CSV file, how many of its labelled rows hold a number and how many
 * hold something else, and where the first something else is. A column whose filled cells are
 * mostly not numbers (a word column, dates) would dead-letter every event, so it is refused up
 * front; an occasional empty, {@code NaN} or stray cell in a numeric column is left to the scorer,
 * which dead-letters just that event with the reason.
 */
final class FeatureTally {

    private final List<String> names;
    private final long[] numbers;
    private final long[] others;
    private final long[] firstOtherLine;
    private final @Nullable String[] firstOther;

    FeatureTally(List<String> names) {
        this.names = List.copyOf(names);
        this.numbers = new long[names.size()];
        this.others = new long[names.size()];
        this.firstOtherLine = new long[names.size()];
        this.firstOther = new String[names.size()];
    }

    void count(int feature, String cell, long line) {
        if (cell.isEmpty()) {
            return;
        }
        if (!Double.isNaN(CsvStream.number(cell))) {
            numbers[feature]++;
        } else if (!cell.equalsIgnoreCase("NaN")) {
            if (others[feature]++ == 0) {
                firstOtherLine[feature] = line;
                firstOther[feature] = cell;
            }
        }
    }

    /** Refuses the file if any feature column is not numeric, naming every such column at once. */
    void requireNumeric(Path file, String labelColumn) {
        List<String> problems = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            long filled = numbers[f] + others[f];
            if (numbers[f] == 0 && others[f] == 0) {
                problems.add("column '" + names.get(f) + "' holds no number in any labelled row");
            } else if (numbers[f] <= others[f]) {
                problems.add(String.format(Locale.ROOT, "column '%s' is not numeric: %,d of its %,d filled cells are"
                        + " not numbers, the first on line %d ('%s')", names.get(f), others[f], filled,
                        firstOtherLine[f], firstOther[f]));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCsvException(file + ": " + String.join("; ", problems) + ": every column but the label ('"
                    + labelColumn + "') is a feature and must hold numbers; drop such a column, or pass it as --label if"
                    + " it holds the class");
        }
    }
}

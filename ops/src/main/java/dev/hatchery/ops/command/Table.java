package dev.hatchery.ops.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text under a header, printed in aligned columns, like {@code kubectl get}. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + headers + " needs " + headers.size() + " cells, got "
                    + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    static String text(Object cell) {
        return switch (cell) {
            case null -> "-";
            case Double d when d.isNaN() -> "-";
            case Double d -> String.format(java.util.Locale.ROOT, "%.4f", d);
            default -> cell.toString().replace('\n', ' ');
        };
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(c == 0 ? "" : "  ").append(cells.get(c));
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cells.get(c).length()));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}

package dev.hatchery.ops.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a CSV file through Commons CSV: its header, then its data rows, each as wide as
 * the header. Quoted cells may hold commas, doubled quotes and line breaks; lines may end in LF or
 * CRLF; a UTF-8 byte order mark is dropped; blank lines and lines starting with {@code #} are
 * skipped. A row of another width or an unclosed quote is an {@link InvalidCsvException} naming
 * its line.
 */
final class CsvRows implements Iterator<CsvRows.Row>, AutoCloseable {

    /** A data row's cells, trimmed and unquoted, and the line of the file it starts on. */
    record Row(long line, List<String> cells) {

        /** The row written back as CSV, quoted where it needs to be, for messages. */
        String text() {
            return FORMAT.format(cells.toArray());
        }
    }

    // Spaces around a quoted cell are allowed (", \"yes, phishing\""): spreadsheets write them.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final char BYTE_ORDER_MARK = '\ufeff';

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private List<String> header = List.of();
    private @Nullable Row pending;

    private CsvRows(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
        Row first = read();
        if (first == null) {
            throw new InvalidCsvException(file + " is empty: it needs a header row naming its columns");
        }
        this.header = first.cells();
        this.pending = read();
    }

    static CsvRows open(Path file) {
        BufferedReader reader = null;
        try {
            reader = Files.newBufferedReader(file);
            skipByteOrderMark(reader);
            return new CsvRows(file, CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
        } catch (IOException e) {
            closeQuietly(reader, e);
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
    }

    /** The header's column names, as they are (without a byte order mark). */
    List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public Row next() {
        Row row = pending;
        if (row == null) {
            throw new NoSuchElementException(file + " has no more rows");
        }
        pending = read();
        return row;
    }

    private @Nullable Row read() {
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isEmpty) && cells.size() <= 1) {
                    continue; // a line of spaces: blank, as far as a reader of the file can tell
                }
                long line = parser.getCurrentLineNumber() - lineBreaks(cells);
                if (!header.isEmpty() && cells.size() != header.size()) {
                    throw new InvalidCsvException(file + " line " + line + " has " + cells.size() + " cell(s), the header "
                            + header.size() + " " + header + ": quote a cell that holds a comma (\"yes, phishing\"),"
                            + " or give every row one cell per column (an empty cell for a missing value)");
                }
                return new Row(line, cells);
            }
            return null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw new InvalidCsvException(file + ": " + malformed.getMessage() + ": close each quoted cell with a quote, and double a quote"
                        + " inside one (\"say \"\"hi\"\"\")", e);
            }
            throw new UncheckedIOException("cannot read " + file + " near line " + parser.getCurrentLineNumber() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Line breaks inside quoted cells: the parser counts lines to a row's end, a reader looks for its start. */
    private static int lineBreaks(List<String> cells) {
        int breaks = 0;
        for (String cell : cells) {
            breaks += (int) LINE_BREAK.matcher(cell).results().count();
        }
        return breaks;
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
        }
    }

    private static void closeQuietly(@Nullable BufferedReader reader, Exception failure) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}

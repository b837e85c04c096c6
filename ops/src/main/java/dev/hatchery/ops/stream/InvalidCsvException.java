package dev.hatchery.ops.stream;

/**
 * A CSV file that cannot be replayed as it is: no header, a row whose cells do not line up with
 * the header, an unclosed quote, or a feature column that does not hold numbers. The message
 * names the file, the line or column, and the fix. Thrown before any row is streamed.
 */
public final class InvalidCsvException extends IllegalArgumentException {

    public InvalidCsvException(String message) {
        super(message);
    }

    public InvalidCsvException(String message, Throwable cause) {
        super(message, cause);
    }
}

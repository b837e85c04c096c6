package dev.hatchery.ops.command;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads a point in time: an ISO-8601 instant ({@code 2025-06-01T12:00:00Z}), or a duration as
 * {@link DurationText} reads it ({@code 90s}, {@code 30m}, {@code 6h}, {@code 2d}, {@code PT1H}),
 * meaning that long before now.
 */
final class SinceText implements ITypeConverter<Instant> {

    private final Clock clock;

    SinceText() {
        this(Clock.systemUTC());
    }

    SinceText(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            // then it is how long ago
        }
        try {
            return clock.instant().minus(new DurationText().convert(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a time nor a duration: write an ISO-8601"
                    + " instant such as 2025-06-01T12:00:00Z, or how long ago, e.g. 90s, 30m, 6h, 2d or PT1H");
        }
    }
}

package dev.hatchery.ops.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the demo streams and how.
 *
 * @param events          events to stream (for a CSV: at most this many rows after the bootstrap rows)
 * @param ratePerSecond   events per second the producer writes
 * @param labelDelay      the true label of event i is written after event i + labelDelay
 * @param generator       sea, agrawal, hyperplane, stagger or rbf-drift (ignored with a CSV)
 * @param bootstrapRows   rows v1 is trained on before streaming starts
 * @param timelineEvery   a timeline line every this many events
 */
public record DemoOptions(
        long events,
        int ratePerSecond,
        int labelDelay,
        String generator,
        long seed,
        @Nullable Path csv,
        @Nullable String labelColumn,
        int bootstrapRows,
        int timelineEvery) {

    public static final DemoOptions DEFAULTS =
            new DemoOptions(40_000, 1_000, 500, "sea", 1, null, null, 2_000, 2_000);

    public DemoOptions {
        List<String> problems = new ArrayList<>();
        if (events < 100) {
            problems.add("--events must be 100 or more, got " + events);
        }
        if (ratePerSecond < 1) {
            problems.add("--rate must be 1 or more events per second, got " + ratePerSecond);
        }
        if (labelDelay < 0) {
            problems.add("--label-delay must be 0 or more events, got " + labelDelay);
        }
        if ((csv == null) != (labelColumn == null)) {
            problems.add("--csv and --label go together: give both or neither");
        }
        if (bootstrapRows < 10) {
            problems.add("bootstrap rows must be 10 or more, got " + bootstrapRows);
        }
        if (timelineEvery < 1) {
            problems.add("timeline interval must be 1 or more events, got " + timelineEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

}

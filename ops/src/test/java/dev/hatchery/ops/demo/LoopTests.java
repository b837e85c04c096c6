package dev.hatchery.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.ops.config.HatcheryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole loop, end to end, on one embedded member: the demo's own run, asserted. */
@Tag("slow")
class LoopTests {

    @Test
    void afterEachAbruptSeaDriftANewVersionIsPublishedAndAccuracyRecoversWithinThreePoints() {
        // The demo as it runs, at its own rate: at twice the rate, a refresh run that started just
        // before a drift, then the run for the drift, took up to the next drift on a busy machine
        // (one failure in three runs), though each training itself took about a second.
        HatcheryConfig config = Demo.demoConfig(HatcheryConfig.DEFAULTS);
        DemoOptions options = new DemoOptions(40_000, DemoOptions.DEFAULTS.ratePerSecond(), 500, "sea", 1, null, null,
                2_000, 4_000);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        DemoSummary summary = new Demo(options, config, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String timeline = printed.toString(StandardCharsets.UTF_8);
        System.out.println(timeline);
        assertThat(summary.events()).isEqualTo(40_000);
        assertThat(summary.predictions()).isEqualTo(40_000);
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicated()).isZero();
        assertThat(summary.deadLetters()).isZero();
        assertThat(summary.drifts()).extracting(DemoSummary.Drift::atEvent).containsExactly(10_000L, 20_000L, 30_000L);
        assertThat(summary.drifts()).allSatisfy(drift -> {
            assertThat(drift.detectedAtEvent()).as("drift at %d detected", drift.atEvent()).isNotNull()
                    .isGreaterThanOrEqualTo(drift.atEvent());
            assertThat(drift.newVersion()).as("a new version after the drift at %d", drift.atEvent()).isNotNull();
            assertThat(drift.accuracyAfterRecovery()).as("recovery after the drift at %d", drift.atEvent())
                    .isGreaterThanOrEqualTo(drift.accuracyBefore() - 0.03);
        });
        assertThat(summary.versionsPublished()).isGreaterThanOrEqualTo(4);
        assertThat(timeline).contains("drift detected", "training started", "training finished", "registered",
                "published", "first prediction by");
    }
}

package dev.hatchery.ops.demo;

import java.io.PrintStream;

/** The demo's summary, for a person (as JSON, it is {@link DemoSummary} itself). */
public final class DemoOutput {

    private DemoOutput() {
    }

    public static void print(DemoSummary s, PrintStream out) {
        out.println();
        out.println("Summary");
        out.printf("  events %,d | predictions %,d | lost %d | duplicated %d | dead letters %d | versions published %d%n",
                s.events(), s.predictions(), s.lost(), s.duplicated(), s.deadLetters(), s.versionsPublished());
        out.printf("  overall accuracy %.4f | ran %.1f s%n", s.accuracy(), s.durationMillis() / 1000.0);
        for (DemoSummary.Drift d : s.drifts()) {
            out.printf("  drift at %,d: %s | accuracy before %.4f, after recovery %.4f (%s) | new version %s%n", d.atEvent(),
                    d.detectedAtEvent() == null ? "MISSED" : String.format("detected at %,d (+%,d)", d.detectedAtEvent(),
                            d.detectedAtEvent() - d.atEvent()),
                    d.accuracyBefore(), d.accuracyAfterRecovery(),
                    d.recovered(3) ? "recovered within 3 points" : "NOT recovered within 3 points",
                    d.newVersion() == null ? "none" : "v" + d.newVersion());
        }
    }
}

package dev.hatchery.feedback;

/** Labelled and correct predictions of one model version, summed over its whole service. */
public record VersionQuality(String model, int version, long labelled, long correct, double accuracy, long updatedAtMillis) {

    static VersionQuality of(Outcome outcome) {
        return new VersionQuality(outcome.model(), outcome.version(), 1, outcome.correct() ? 1 : 0,
                outcome.correct() ? 1.0 : 0.0, outcome.labelledAtMillis());
    }

    VersionQuality plus(VersionQuality more) {
        long n = labelled + more.labelled;
        long c = correct + more.correct;
        return new VersionQuality(model, version, n, c, (double) c / n, Math.max(updatedAtMillis, more.updatedAtMillis));
    }

    static String key(String model, int version) {
        return model + "/v" + version;
    }
}

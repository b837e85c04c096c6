package dev.hatchery.feedback.drift;

/**
 * The Early Drift Detection Method (Baena-García et al., "Early Drift Detection Method", 4th
 * International Workshop on Knowledge Discovery from Data Streams, 2006). Instead of the error
 * rate it watches the distance between consecutive errors: while a learner holds or improves,
 * that distance grows; when the concept changes it shrinks. It keeps the mean {@code p'} and
 * standard deviation {@code s'} of the distances and remembers the largest {@code p' + 2s'};
 * when {@code (p' + 2s') / (p'max + 2s'max)} falls below the warning then the drift level it
 * warns then signals a drift. Gradual, slow drifts shorten the distances early, hence the name.
 *
 * <p>It judges only on an error, when a new distance is known; a correct outcome repeats the
 * judgement of the last error, except that a drift is signalled once, on the error that shows it.
 * Its {@link #statistic()} is the ratio above, 1 until {@code minErrors} errors have been seen;
 * unlike the other detectors' it <em>falls</em> towards its drift threshold {@code driftLevel}.
 */
public final class Eddm implements DriftDetector {

    private final EddmSettings settings;
    private long n;
    private long errors;
    private long lastError;
    private double mean;
    private double squares;
    private double maxLevel;
    private double ratio;
    private DetectorState state;

    public Eddm(EddmSettings settings) {
        this.settings = settings;
        reset();
    }

    @Override
    public DetectorState update(boolean error) {
        n++;
        if (!error) {
            return state == DetectorState.WARNING ? DetectorState.WARNING : DetectorState.STABLE;
        }
        errors++;
        double distance = n - lastError;
        lastError = n;
        // Welford's running mean and sum of squared deviations of the distances.
        double before = mean;
        mean += (distance - mean) / errors;
        squares += (distance - before) * (distance - mean);
        if (errors < settings.minErrors()) {
            state = DetectorState.STABLE;
            return state;
        }
        double level = mean + 2 * Math.sqrt(squares / errors);
        // The maximum is taken only from minErrors on: an early, rough p' + 2s' would set a
        // maximum the stream never returns to, and every later ratio would look like a drift.
        maxLevel = Math.max(maxLevel, level);
        ratio = level / maxLevel;
        if (ratio < settings.driftLevel()) {
            state = DetectorState.DRIFT;
        } else if (ratio < settings.warningLevel()) {
            state = DetectorState.WARNING;
        } else {
            state = DetectorState.STABLE;
        }
        return state;
    }

    @Override
    public void reset() {
        n = 0;
        errors = 0;
        lastError = 0;
        mean = 0;
        squares = 0;
        maxLevel = 0;
        ratio = 1;
        state = DetectorState.STABLE;
    }

    @Override
    public double errorRate() {
        return n == 0 ? 0 : (double) errors / n;
    }

    @Override
    public String name() {
        return "EDDM";
    }

    @Override
    public double statistic() {
        return ratio;
    }
}

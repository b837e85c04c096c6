package dev.hatchery.feedback.drift;

import java.io.Serializable;

/**
 * A detector fed one prediction error at a time. Implementations are state kept in a Jet
 * job's snapshots, hence {@link Serializable}. None of them resets itself after a drift: the
 * caller decides when the old errors stop counting, by calling {@link #reset()}.
 */
public interface DriftDetector extends Serializable {

    /** Takes the next outcome (true if the prediction was wrong) and says what it makes of it. */
    DetectorState update(boolean error);

    /** Forgets everything, e.g. after a drift or when a new version starts serving. */
    void reset();

    /** The error rate it currently estimates. */
    double errorRate();

    /** Its short name in logs and reports: "DDM", "EDDM", "ADWIN", "PH" or "HDDM-A". */
    String name();

    /**
     * Its current test statistic, the value it compares with its drift threshold; each
     * implementation says what the value is and where the threshold lies.
     */
    double statistic();
}

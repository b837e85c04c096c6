package dev.hatchery.feedback.drift;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of one kind of drift detector, which make fresh detectors of that kind. A
 * configuration names the kind ({@link #kind()}) and may override the paper's defaults.
 */
public sealed interface DetectorSettings extends Serializable
        permits DdmSettings, EddmSettings, AdwinSettings, PageHinkleySettings, HddmASettings {

    /** The configuration names of the kinds, in the order they were published. */
    List<String> KINDS = List.of("ddm", "eddm", "adwin", "page-hinkley", "hddm-a");

    /** A detector in its initial state, with these settings. */
    DriftDetector newDetector();

    /** Its configuration name, one of {@link #KINDS}. */
    String kind();

    /** The defaults of the detector called {@code kind} in a configuration. */
    static DetectorSettings defaults(String kind) {
        return switch (kind) {
            case "ddm" -> DdmSettings.DEFAULTS;
            case "eddm" -> EddmSettings.DEFAULTS;
            case "adwin" -> AdwinSettings.DEFAULTS;
            case "page-hinkley" -> PageHinkleySettings.DEFAULTS;
            case "hddm-a" -> HddmASettings.DEFAULTS;
            default -> throw new IllegalArgumentException(
                    "unknown drift detector '" + kind + "': use one of " + String.join(", ", KINDS));
        };
    }
}

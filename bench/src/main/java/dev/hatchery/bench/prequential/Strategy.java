package dev.hatchery.bench.prequential;

import java.util.Arrays;
import java.util.List;

/** What predicts the stream: the running system in one of three configurations, or a baseline. */
enum Strategy {
    DEFAULT("default"),
    STATIC("static"),
    PERIODIC("periodic"),
    NO_CHANGE("no-change"),
    MAJORITY("majority");

    static final List<String> IDS = Arrays.stream(values()).map(Strategy::id).toList();

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Strategy parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + id + "': use one of " + IDS));
    }

    /** Whether it runs the system (a member, the jobs, the trainer) rather than a formula over the labels. */
    boolean runsTheSystem() {
        return switch (this) {
            case DEFAULT, STATIC, PERIODIC -> true;
            case NO_CHANGE, MAJORITY -> false;
        };
    }

    /**
     * The configuration of a system strategy, as {@code hatchery.yaml} text over Hatchery's
     * defaults (the cluster's name and ports are set apart). The one place to change when the
     * trainer's new keys land:
     * <ul>
     *   <li>static: {@code trainer: {enabled: false}}. Until then: a check schedule that first
     *   fires in 2099, so no run is ever due during a replay.</li>
     *   <li>periodic: {@code trainer: {refreshEveryRows: 5000, gate: {enabled: false},
     *   triggers: {drift: false, dataDrift: false}}}. Until then: drift signals are silenced —
     *   DDM waiting for a million outcomes before it may signal, and a version signalled only
     *   if it fell 100 points below its holdout accuracy, which cannot happen — so only the
     *   schedule retrains (the trainer's "twice the data" refresh after the bootstrap is part of
     *   that schedule too). The gate cannot be turned off yet: {@code minImprovement: 0}, its
     *   least, still keeps a champion that the challenger does not beat on the holdout, so
     *   fewer challengers are deployed than were trained (the output shows how many).</li>
     * </ul>
     */
    String yaml() {
        return switch (this) {
            case DEFAULT -> "";
            case STATIC -> """
                    trainer:
                      cron: "0 0 0 1 1 ? 2099"
                    """;
            case PERIODIC -> """
                    trainer:
                      refreshEveryRows: 5000
                      minImprovement: 0.0
                      accuracyFloor: 0.0
                    feedback:
                      detector: ddm
                      ddm:
                        minInstances: 1000000
                      maxAccuracyDrop: 1.0
                    """;
            case NO_CHANGE, MAJORITY -> throw new IllegalStateException(id + " is a baseline: it has no configuration");
        };
    }
}

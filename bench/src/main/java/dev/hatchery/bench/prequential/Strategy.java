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
     * defaults (the cluster's name and ports are set apart): the default as it is; static with
     * retraining off; periodic retraining every 5,000 new outcomes with no other trigger and
     * no gate, so every challenger is deployed.
     */
    String yaml() {
        return switch (this) {
            case DEFAULT -> "";
            case STATIC -> """
                    trainer:
                      enabled: false
                    """;
            case PERIODIC -> """
                    trainer:
                      triggers: {drift: false, dataDrift: false, moreData: false, refreshEveryRows: 5000}
                      gate: {enabled: false}
                    """;
            case NO_CHANGE, MAJORITY -> throw new IllegalStateException(id + " is a baseline: it has no configuration");
        };
    }
}

package dev.hatchery.feedback;

/** What became of one label or one prediction at the join: the unit the label counts add up. */
record LabelCase(String model, Kind kind) implements Joined {

    enum Kind {
        /** Joined to its prediction within the horizon. */
        LABELLED,
        /** Joined, having arrived before its prediction and waited for it. */
        LABELLED_BEFORE_PREDICTION,
        /** A second (or later) label for an event: ignored, the first label wins. */
        DUPLICATE,
        /** Came more than the horizon after its prediction was scored: ignored. */
        PAST_HORIZON,
        /** A prediction whose label did not come within the horizon. */
        UNLABELLED,
        /** A label whose prediction did not come within the horizon (also a dead letter). */
        WITHOUT_PREDICTION
    }
}

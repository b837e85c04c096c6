package dev.hatchery.feedback;

import dev.hatchery.scorer.Prediction;

/** What the join takes in for an event id: its prediction or its label, whichever comes first. */
sealed interface Arrival {

    String eventId();

    String model();

    record Scored(Prediction prediction) implements Arrival {

        @Override
        public String eventId() {
            return prediction.eventId();
        }

        @Override
        public String model() {
            return prediction.model();
        }
    }

    record Labelled(Label label) implements Arrival {

        @Override
        public String eventId() {
            return label.eventId();
        }

        @Override
        public String model() {
            return label.model();
        }
    }
}

package dev.hatchery.registry.online;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.registry.online.OnlinePrediction.NotYet;
import dev.hatchery.registry.online.OnlinePrediction.Predicted;
import dev.hatchery.registry.online.Streams.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Test-then-train on SEA concepts that drift every 2,500 rows: each learner keeps up with them. */
class OnlineAccuracyTests {

    static Stream<LearnerSpec> eachKind() {
        return Streams.EACH_KIND.stream();
    }

    @ParameterizedTest
    @MethodSource("eachKind")
    void predictingEachRowBeforeLearningItBeatsTheMajorityClassClearly(LearnerSpec spec) {
        List<Outcome> stream = Streams.sea(10_000, 3, 31);
        OnlineLearner learner = OnlineLearner.create(spec, 3);
        int right = 0;
        for (Outcome outcome : stream) {
            right += switch (learner.predict(outcome.row())) {
                case Predicted predicted -> predicted.label().equals(outcome.label()) ? 1 : 0;
                case NotYet notYet -> 0;
            };
            learner.learn(outcome.row(), outcome.label());
        }
        long high = stream.stream().filter(o -> o.label().equals("high")).count();
        double majority = Math.max(high, stream.size() - high) / (double) stream.size();
        double accuracy = right / (double) stream.size();

        // With a tenth of the labels flipped, 0.9 is the ceiling; the majority class is about 0.6.
        assertThat(accuracy).as(spec.text() + " against a majority of " + majority).isGreaterThan(majority + 0.15);
    }
}

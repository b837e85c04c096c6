package dev.hatchery.registry.online;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.registry.online.Streams.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property replication rests on: a learner's state is a function of its spec and the
 * outcomes applied, in order. The stream drifts and a class arrives late, so that trees split,
 * ensembles replace members and logistic regression widens on the way.
 */
class OnlineDeterminismTests {

    private static final int ROWS = 2_000;
    private static final int EVERY_ROWS = 250;

    static Stream<LearnerSpec> eachKind() {
        return Streams.EACH_KIND.stream().map(spec -> spec.withSeed(11));
    }

    private static List<Outcome> stream() {
        List<Outcome> outcomes = new ArrayList<>(Streams.sea(ROWS / 2, 4, 21));
        outcomes.addAll(Streams.lateClass(ROWS / 2, 4, 0, 22));
        return outcomes;
    }

    @ParameterizedTest
    @MethodSource("eachKind")
    void twoLearnersFedTheSameOutcomesInTheSameOrderAreIdenticalAfterEveryBlock(LearnerSpec spec) {
        OnlineLearner first = OnlineLearner.create(spec, 4);
        OnlineLearner second = OnlineLearner.create(spec, 4);
        List<String> hashes = new ArrayList<>();
        List<Outcome> outcomes = stream();
        for (int i = 0; i < outcomes.size(); i++) {
            first.learn(outcomes.get(i).row(), outcomes.get(i).label());
            second.learn(outcomes.get(i).row(), outcomes.get(i).label());
            if ((i + 1) % EVERY_ROWS == 0) {
                String hash = first.sha256();
                assertThat(second.sha256()).as(spec.text() + " after " + (i + 1) + " outcomes").isEqualTo(hash);
                hashes.add(hash);
            }
        }
        // The state moves on as it learns: equal hashes are not equal because nothing changes.
        assertThat(hashes).as(spec.text()).doesNotHaveDuplicates().hasSize(ROWS / EVERY_ROWS);
    }

    @ParameterizedTest
    @MethodSource("eachKind")
    void oneRestoredFromACheckpointHalfwayAndFedTheRestEndsIdenticalToOneNeverInterrupted(LearnerSpec spec) {
        OnlineLearner uninterrupted = OnlineLearner.create(spec, 4);
        List<Outcome> outcomes = stream();
        byte[] checkpoint = null;
        for (int i = 0; i < outcomes.size(); i++) {
            if (i == ROWS / 2 + 17) {
                checkpoint = uninterrupted.toBytes();
            }
            uninterrupted.learn(outcomes.get(i).row(), outcomes.get(i).label());
        }
        OnlineLearner restored = OnlineLearner.fromBytes(checkpoint);
        assertThat(restored.revision()).isEqualTo(ROWS / 2 + 17);
        for (Outcome outcome : outcomes.subList(ROWS / 2 + 17, ROWS)) {
            restored.learn(outcome.row(), outcome.label());
        }

        assertThat(restored.sha256()).as(spec.text()).isEqualTo(uninterrupted.sha256());
        assertThat(restored.revision()).isEqualTo(ROWS);
        for (Outcome outcome : Streams.lateClass(100, 4, 0, 23)) {
            assertThat(restored.predict(outcome.row())).isEqualTo(uninterrupted.predict(outcome.row()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"moa:meta.AdaptiveRandomForest -s 5", "moa:meta.LeveragingBag -s 5"})
    void theSeedIsWhatTheEnsemblesRandomnessDependsOn(String text) {
        OnlineLearner one = OnlineLearner.create(LearnerSpec.parse(text).withSeed(1), 4);
        OnlineLearner two = OnlineLearner.create(LearnerSpec.parse(text).withSeed(2), 4);
        for (Outcome outcome : stream().subList(0, 500)) {
            one.learn(outcome.row(), outcome.label());
            two.learn(outcome.row(), outcome.label());
        }

        assertThat(one.sha256()).isNotEqualTo(two.sha256());
    }
}

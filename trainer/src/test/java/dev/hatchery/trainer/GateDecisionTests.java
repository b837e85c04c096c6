package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GateDecisionTests {

    private static final Trigger MORE_DATA = new Trigger.MoreData(4_000, 3, 1_000, 0);

    @Test
    void deploysAChallengerThatBeatsTheChampionByMoreThanTheMargin() {
        assertThat(GateDecision.decide(0.90, 0.85, 0.01, 400)).isInstanceOf(GateDecision.Deploy.class);
        assertThat(GateDecision.decide(0.86, 0.85, 0.01, 400)).isInstanceOf(GateDecision.Keep.class);
    }

    @Nested
    class WhenADriftIsSignalledWhileTheRunTrains {

        @Test
        void aWinningChallengerTrainedBeforeItIsKept() {
            GateDecision decision = GateDecision.decide(0.90, 0.85, 0.0, 400).unlessDriftedMeanwhile(2, 3, MORE_DATA);

            assertThat(decision).isInstanceOfSatisfying(GateDecision.Keep.class, keep ->
                    assertThat(keep.reason()).contains("drift signal #3 came while this run trained"));
        }

        @Test
        void aRunThatAnswersThatVerySignalStillDeploys() {
            Trigger drift = new Trigger.Drift(3, "e-1", 0.3, 0);
            assertThat(GateDecision.decide(0.90, 0.85, 0.0, 400).unlessDriftedMeanwhile(2, 3, drift))
                    .isInstanceOf(GateDecision.Deploy.class);
        }

        @Test
        void withoutANewSignalNothingChanges() {
            assertThat(GateDecision.decide(0.90, 0.85, 0.0, 400).unlessDriftedMeanwhile(3, 3, MORE_DATA))
                    .isInstanceOf(GateDecision.Deploy.class);
        }
    }
}

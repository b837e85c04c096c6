package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GateDecisionTests {

    private static final GateSettings GATE = new GateSettings(true, 0.01, 0.05, 0.0);
    private static final Trigger REFRESH = new Trigger.Refresh(5_000);

    /** 1,000 holdout rows: both right on {@code both}, then the discordant ones. */
    private static HeadToHead holdout(int both, int challengerOnly, int championOnly) {
        return new HeadToHead(1_000, both + challengerOnly, both + championOnly, challengerOnly, championOnly);
    }

    @Nested
    class McNemarsExactTest {

        @Test
        void matchesTheBinomialTailComputedByHand() {
            // n = 10 discordant rows, 8 of them the challenger's: P(X >= 8) = (45 + 10 + 1) / 1024.
            assertThat(McNemar.pValue(8, 2)).isCloseTo(56.0 / 1024, within(1e-12));
            assertThat(McNemar.pValue(0, 3)).isEqualTo(1.0);
            assertThat(McNemar.pValue(3, 0)).isCloseTo(1.0 / 8, within(1e-12));
        }

        @Test
        void withoutDiscordantRowsThereIsNoEvidence() {
            assertThat(McNemar.pValue(0, 0)).isEqualTo(1.0);
        }

        @Test
        void staysFiniteForLargeCounts() {
            assertThat(McNemar.pValue(5_200, 4_800)).isBetween(0.0, 0.01);
            assertThat(McNemar.pValue(4_800, 5_200)).isBetween(0.99, 1.0);
        }
    }

    @Test
    void deploysAChallengerThatWinsByTheMarginSignificantly() {
        GateDecision decision = GateDecision.decide(holdout(800, 80, 20), GATE);
        assertThat(decision).isInstanceOf(GateDecision.Deploy.class);
        assertThat(decision.reason()).startsWith("challenger wins: challenger 0.8800 vs champion 0.8200");
    }

    @Test
    void keepsAChallengerWithinTheMargin() {
        GateDecision decision = GateDecision.decide(holdout(800, 25, 20), GATE);
        assertThat(decision).isInstanceOf(GateDecision.Keep.class);
        assertThat(decision.reason()).startsWith("challenger does not beat the champion by more than 0.0100");
    }

    @Test
    void keepsAnImprovementThatIsNotSignificant() {
        // 0.4 points better, but 14 against 10 discordant rows is a coin's work (p = 0.27).
        GateDecision decision = GateDecision.decide(holdout(800, 14, 10), new GateSettings(true, 0.0, 0.05, 0.0));
        assertThat(decision).isInstanceOf(GateDecision.Keep.class);
        assertThat(decision.reason()).startsWith("the improvement is not significant at alpha 0.05");
    }

    @Test
    void keepsAWorseChallenger() {
        assertThat(GateDecision.decide(holdout(800, 20, 80), GATE)).isInstanceOf(GateDecision.Keep.class);
    }

    @Test
    void replacesAChampionUnderTheFloorWithAnyChallengerAtLeastAsGood() {
        GateSettings floor = new GateSettings(true, 0.05, 0.05, 0.9);
        assertThat(GateDecision.decide(holdout(800, 14, 10), floor)).isInstanceOfSatisfying(GateDecision.Deploy.class,
                deploy -> assertThat(deploy.reason()).startsWith("champion under the accuracy floor 0.9000"));
        assertThat(GateDecision.decide(holdout(800, 10, 14), floor)).isInstanceOf(GateDecision.Keep.class);
    }

    @Test
    void withTheGateOffEveryChallengerDeploys() {
        assertThat(GateDecision.decide(holdout(800, 20, 80), new GateSettings(false, 0.0, 0.05, 0.0)))
                .isInstanceOf(GateDecision.Deploy.class);
    }

    @Nested
    class WhenADriftIsSignalledWhileTheRunTrains {

        @Test
        void aWinningChallengerTrainedBeforeItIsKept() {
            GateDecision decision = GateDecision.decide(holdout(800, 80, 20), GATE)
                    .unlessDriftedMeanwhile(1, 2, REFRESH, true);
            assertThat(decision).isInstanceOfSatisfying(GateDecision.Keep.class, keep ->
                    assertThat(keep.reason()).contains("drift signal #2 came while this run trained"));
        }

        @Test
        void aChallengerWhoseHoldoutReachesPastTheDriftStillDeploys() {
            assertThat(GateDecision.decide(holdout(800, 80, 20), GATE).unlessDriftedMeanwhile(1, 2, REFRESH, false))
                    .isInstanceOf(GateDecision.Deploy.class);
        }

        @Test
        void aRunThatAnswersThatVerySignalStillDeploys() {
            Trigger answering = new Trigger.Drift(2, "ADWIN", "e-1", 0.4, 0.1, 0);
            assertThat(GateDecision.decide(holdout(800, 80, 20), GATE).unlessDriftedMeanwhile(1, 2, answering, true))
                    .isInstanceOf(GateDecision.Deploy.class);
        }

        @Test
        void withoutANewSignalNothingChanges() {
            assertThat(GateDecision.decide(holdout(800, 80, 20), GATE).unlessDriftedMeanwhile(2, 2, REFRESH, true))
                    .isInstanceOf(GateDecision.Deploy.class);
        }
    }
}

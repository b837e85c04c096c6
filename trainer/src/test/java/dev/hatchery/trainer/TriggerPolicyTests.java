package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.drift.DetectorState;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The trigger policy on its own: which run is due for what the feedback side reports, without a cluster. */
class TriggerPolicyTests {

    private static final String MODEL = "fraud";
    private static final long NOW = 1_000_000;
    private static final int MIN_ROWS = 100;
    private static final Deployment SERVING = new Deployment(MODEL, 3, 7, Deployment.Action.PUBLISH, 0, "test", "",
            List.of());

    private static final TrainingPolicy POLICY = new TrainingPolicy(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS,
            new TrainingWindow.SinceDrift(MIN_ROWS, 1_000), 0.2,
            new TriggerSettings("", TriggerSettings.Misfire.SKIP, true, true, 1_000, 500, true),
            new GateSettings(true, 0.0, 0.05, 0.7, false), 60_000, RecencyWeighting.DEFAULTS, SearchSettings.DEFAULTS,
            ShadowSettings.DEFAULTS, ProbationSettings.DEFAULTS);

    /** A stream of {@code outcomes} labelled events at event times 0, 1, 2, … */
    private record Facts(TrainerState memory, int outcomes, int servingRows, @Nullable DriftSignal signal,
            @Nullable DataDriftState dataDrift, @Nullable ModelHealth health) {

        static Facts of(int outcomes, int servingRows) {
            return new Facts(TrainerState.initial(MODEL), outcomes, servingRows, null, null, null);
        }

        Facts remembering(TrainerState memory) {
            return new Facts(memory, outcomes, servingRows, signal, dataDrift, health);
        }

        Facts signalled(DriftSignal signal) {
            return new Facts(memory, outcomes, servingRows, signal, dataDrift, health);
        }

        Facts shifted(DataDriftState dataDrift) {
            return new Facts(memory, outcomes, servingRows, signal, dataDrift, health);
        }

        Facts healthy(ModelHealth health) {
            return new Facts(memory, outcomes, servingRows, signal, dataDrift, health);
        }

        Optional<Trigger> due() {
            return TriggerPolicy.due(new TriggerPolicy.Situation(MODEL, POLICY, SERVING, memory, signal, dataDrift,
                    health, () -> servingRows, from -> from == Long.MIN_VALUE ? outcomes
                            : Math.max(0, outcomes - Math.max(0, from)), NOW));
        }
    }

    private static DriftSignal signal(long sequence, long driftSinceEventTime, long detectedAtMillis) {
        return new DriftSignal(MODEL, 3, 7, sequence, "e-" + sequence, driftSinceEventTime + 50, driftSinceEventTime,
                0.4, detectedAtMillis, "adwin", 1_000, 0.01);
    }

    private static TrainerState memory(long handledSignal, long lastWindowEnd, long servingWindowStart,
            long handledDataDriftEpoch) {
        return new TrainerState(MODEL, handledSignal, Long.MIN_VALUE, lastWindowEnd, servingWindowStart, Long.MIN_VALUE,
                handledDataDriftEpoch);
    }

    /** Serving v3 trained on 800 rows (all it can), the last run saw up to event time 9,999: nothing new. */
    private static Facts quiet() {
        return Facts.of(10_000, 800).remembering(memory(0, 9_999, Long.MIN_VALUE, 0));
    }

    @Test
    void nothingIsDueWithoutNewsOrNewRows() {
        assertThat(quiet().due()).isEmpty();
    }

    @Nested
    class Drift {

        @Test
        void aSettledSignalWithEnoughRowsSinceTheDriftIsDue() {
            Trigger trigger = quiet().signalled(signal(4, 9_800, NOW - 1_000)).due().orElseThrow();

            assertThat(trigger).isEqualTo(new Trigger.Drift(4, "adwin", "e-4", 0.4, 0.01, 9_800));
        }

        @Test
        void aSignalWaitsForItsDebounce() {
            assertThat(quiet().signalled(signal(4, 9_800, NOW - 999)).due()).isEmpty();
        }

        @Test
        void aSignalWaitsForMinRowsSinceTheDrift() {
            assertThat(quiet().signalled(signal(4, 10_000 - MIN_ROWS + 1, NOW - 5_000)).due()).isEmpty();
            assertThat(quiet().signalled(signal(4, 10_000 - MIN_ROWS, NOW - 5_000)).due()).isPresent();
        }

        @Test
        void aHandledSignalIsNotAnsweredAgain() {
            Facts handled = quiet().remembering(memory(4, 9_999, Long.MIN_VALUE, 0));

            assertThat(handled.signalled(signal(4, 9_800, NOW - 5_000)).due()).isEmpty();
            assertThat(handled.signalled(signal(5, 9_800, NOW - 5_000)).due()).isPresent();
        }

        @Test
        void aSignalOfADriftTheServingVersionWasTrainedAfterIsNotAnswered() {
            Facts trainedSince = quiet().remembering(memory(0, 9_999, 9_800, 0));

            assertThat(trainedSince.signalled(signal(4, 9_800, NOW - 5_000)).due()).isEmpty();
            assertThat(trainedSince.signalled(signal(4, 9_801, NOW - 5_000)).due()).isPresent();
        }

        @Test
        void aSignalThatWaitsForRowsDoesNotStarveTheOtherTriggers() {
            Facts waitingWithFreshRows = Facts.of(10_000, 800).remembering(memory(0, 9_000, Long.MIN_VALUE, 0))
                    .signalled(signal(4, 9_950, NOW - 5_000));

            assertThat(waitingWithFreshRows.due()).contains(new Trigger.Refresh(999));
        }
    }

    @Test
    void dataDriftOfTheServingEpochIsDueOncePerEpoch() {
        DataDriftState drifted = new DataDriftState(MODEL, 3, 7, 5_000, 2_000, true, "amount", 0.31, 0.2, "", NOW);
        DataDriftState earlierEpoch = new DataDriftState(MODEL, 2, 6, 5_000, 2_000, true, "amount", 0.31, 0.2, "", NOW);
        DataDriftState calm = new DataDriftState(MODEL, 3, 7, 5_000, 2_000, false, "", 0.01, 0.01, "", NOW);

        assertThat(quiet().shifted(drifted).due()).contains(new Trigger.DataDrift(3, 7, 5_000, "amount", 0.31));
        assertThat(quiet().shifted(earlierEpoch).due()).isEmpty();
        assertThat(quiet().shifted(calm).due()).isEmpty();
        assertThat(quiet().remembering(memory(0, 9_999, Long.MIN_VALUE, 7)).shifted(drifted).due()).isEmpty();
    }

    @Test
    void accuracyBelowTheFloorIsDueOnceEnoughOutcomesOfTheServingEpochCount() {
        ModelHealth low = new ModelHealth(MODEL, 3, 7, DetectorState.STABLE, 0.65, 0.35, MIN_ROWS, "e", NOW);
        ModelHealth fewOutcomes = new ModelHealth(MODEL, 3, 7, DetectorState.STABLE, 0.65, 0.35, MIN_ROWS - 1, "e", NOW);
        ModelHealth earlierEpoch = new ModelHealth(MODEL, 2, 6, DetectorState.STABLE, 0.65, 0.35, MIN_ROWS, "e", NOW);
        ModelHealth aboveFloor = new ModelHealth(MODEL, 3, 7, DetectorState.STABLE, 0.7, 0.3, MIN_ROWS, "e", NOW);

        assertThat(quiet().healthy(low).due()).contains(new Trigger.AccuracyFloor(0.65, 0.7));
        assertThat(quiet().healthy(fewOutcomes).due()).isEmpty();
        assertThat(quiet().healthy(earlierEpoch).due()).isEmpty();
        assertThat(quiet().healthy(aboveFloor).due()).isEmpty();
    }

    @Test
    void aVersionTrainedOnFewRowsOfItsConceptIsRetrainedOnceTheConceptHasTwiceAsMany() {
        // 200 rows trained; the concept holds 500 outcomes (400 trainable after the holdout): 2×.
        Facts few = Facts.of(500, 200).remembering(memory(0, 399, Long.MIN_VALUE, 0));
        Facts notYet = Facts.of(499, 200).remembering(memory(0, 398, Long.MIN_VALUE, 0));

        assertThat(few.due()).contains(new Trigger.MoreData(500, 3, 200));
        assertThat(notYet.due()).isEmpty();
    }

    @Test
    void aRefreshIsDueAfterRefreshEveryRowsNewOutcomes() {
        assertThat(Facts.of(10_000, 800).remembering(memory(0, 9_499, Long.MIN_VALUE, 0)).due())
                .contains(new Trigger.Refresh(500));
        assertThat(Facts.of(10_000, 800).remembering(memory(0, 9_500, Long.MIN_VALUE, 0)).due()).isEmpty();
    }

    @Nested
    class StillDue {

        private final TrainerState memory = new TrainerState(MODEL, 4, Long.MIN_VALUE, 9_999, Long.MIN_VALUE, 5_000, 7);

        @Test
        void anOperatorsRequestAlwaysIsEvenPaused() {
            assertThat(TriggerPolicy.stillDue(new Trigger.Manual("ana", "why"), true, memory, () -> false)).isTrue();
        }

        @Test
        void noAutomaticRequestIsWhilePaused() {
            assertThat(TriggerPolicy.stillDue(new Trigger.Scheduled("0 * * * * ?", 6_000), true, memory, () -> true))
                    .isFalse();
        }

        @Test
        void aFiringOrSignalOrEpochAnsweredMeanwhileIsNot() {
            assertThat(TriggerPolicy.stillDue(new Trigger.Scheduled("c", 5_000), false, memory, () -> true)).isFalse();
            assertThat(TriggerPolicy.stillDue(new Trigger.Scheduled("c", 5_001), false, memory, () -> false)).isTrue();
            assertThat(TriggerPolicy.stillDue(new Trigger.Drift(4, "adwin", "e", 0.4, 0.01, 1), false, memory,
                    () -> true)).isFalse();
            assertThat(TriggerPolicy.stillDue(new Trigger.Drift(5, "adwin", "e", 0.4, 0.01, 1), false, memory,
                    () -> false)).isTrue();
            assertThat(TriggerPolicy.stillDue(new Trigger.DataDrift(3, 7, 1, "f", 0.3), false, memory, () -> true))
                    .isFalse();
            assertThat(TriggerPolicy.stillDue(new Trigger.DataDrift(3, 8, 1, "f", 0.3), false, memory, () -> false))
                    .isTrue();
        }

        @Test
        void conditionTriggersAreStillDueOnlyIfTheConditionStillHolds() {
            AtomicBoolean asked = new AtomicBoolean();
            assertThat(TriggerPolicy.stillDue(new Trigger.Refresh(600), false, memory, () -> {
                asked.set(true);
                return false;
            })).isFalse();
            assertThat(asked).isTrue();
            assertThat(TriggerPolicy.stillDue(new Trigger.AccuracyFloor(0.6, 0.7), false, memory, () -> true)).isTrue();
            assertThat(TriggerPolicy.stillDue(new Trigger.MoreData(500, 3, 200), false, memory, () -> true)).isTrue();
        }
    }
}

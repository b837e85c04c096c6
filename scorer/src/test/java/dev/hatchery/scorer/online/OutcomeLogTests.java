package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.ScorerMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One member: what the log takes, in what order, and what a reader is told. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeLogTests {

    /** Logs of models named so hold 50 entries, for the tests of a reader left behind. */
    static final String SMALL = "small-";

    private HazelcastInstance member;
    private OutcomeLog log;

    @BeforeAll
    void startMember() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 1_000);
            config.addRingBufferConfig(new RingbufferConfig(ScorerMaps.OUTCOME_LOG_PREFIX + SMALL + "*").setCapacity(50));
        });
    }

    @AfterAll
    void stopMember() {
        member.shutdown();
    }

    @BeforeEach
    void freshLog() {
        log = OutcomeLog.of(member, "m" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static List<LoggedOutcome> outcomes(int count) {
        return OnlineStreams.drifting("e", count, 0, 3);
    }

    @Nested
    class Appending {

        @Test
        void givesConsecutiveSequencesAndTheEntriesReadBackEqual() {
            List<LoggedOutcome> outcomes = outcomes(3);
            assertThat(log.append(outcomes.get(0))).isZero();
            assertThat(log.append(outcomes.get(1))).isEqualTo(1);
            assertThat(log.append(outcomes.get(2))).isEqualTo(2);

            assertThat(log.read(0, 3)).isEqualTo(new LogRead.Entries(0, outcomes));
            assertThat(log.headSequence()).isZero();
            assertThat(log.tailSequence()).isEqualTo(2);
        }

        @Test
        void refusesAnOutcomeNoLearnerCouldTakeAndWritesNothing() {
            double[] row = {1, 2};
            assertThatThrownBy(() -> log.append(new LoggedOutcome("e-1", new double[] {1, Double.NaN}, "a", 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 1 is NaN");
            assertThatThrownBy(() -> log.append(new LoggedOutcome("e-1", new double[] {Double.POSITIVE_INFINITY}, "a", 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 0 is Infinity");
            assertThatThrownBy(() -> log.append(new LoggedOutcome("e-1", row, " ", 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank label");
            assertThatThrownBy(() -> log.append(new LoggedOutcome("e-1", new double[0], "a", 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no features");
            assertThatThrownBy(() -> log.append(new LoggedOutcome("", row, "a", 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no event id");

            assertThat(log.tailSequence()).isEqualTo(-1);
        }

        @Test
        void aBatchOfAnySizeKeepsItsOrderAndCompletesWithItsLastSequence() throws Exception {
            List<LoggedOutcome> outcomes = outcomes(2_345);

            long last = log.appendAllAsync(outcomes).toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(last).isEqualTo(2_344);
            assertThat(log.read(0, 2_345)).isEqualTo(new LogRead.Entries(0, outcomes));
            assertThat(log.appendAllAsync(List.of()).toCompletableFuture().get()).isEqualTo(-1);
        }

        @Test
        void aBatchWithOneBadOutcomeIsRefusedWholeBeforeAnythingIsWritten() {
            List<LoggedOutcome> outcomes = new ArrayList<>(outcomes(1_500));
            outcomes.set(1_200, new LoggedOutcome("bad", new double[] {1, 2, 3, 4}, "", 0, 0));

            assertThatThrownBy(() -> log.appendAllAsync(outcomes)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outcome #1200 of the batch").hasMessageContaining("'bad' has a blank label");
            assertThat(log.tailSequence()).isEqualTo(-1);
        }

        @Test
        void isConfiguredWithOneSynchronousBackupAndOverwritesWhenFull() {
            RingbufferConfig config = member.getConfig().getRingbufferConfig(ScorerMaps.outcomeLogName("any"));
            assertThat(config.getCapacity()).isEqualTo(ScorerMaps.DEFAULT_OUTCOME_LOG_CAPACITY);
            assertThat(config.getBackupCount()).isEqualTo(1);
            assertThat(config.getAsyncBackupCount()).isZero();
            assertThat(config.getTimeToLiveSeconds()).isZero();

            OutcomeLog small = OutcomeLog.of(member, SMALL + UUID.randomUUID());
            small.appendAllAsync(outcomes(120)).toCompletableFuture().join();
            assertThat(small.capacity()).isEqualTo(50);
            assertThat(small.headSequence()).isEqualTo(70);
            assertThat(small.tailSequence()).isEqualTo(119);
        }

        @Test
        void takesOutcomesFromAClientAndStoresThemAsCompactOfTheirOwnTypeName() {
            LoggedOutcome outcome = outcomes(1).getFirst();
            ClientConfig withSerializers = clientConfig();
            ScorerMaps.addSerializers(withSerializers.getSerializationConfig());
            HazelcastInstance producer = HazelcastClient.newHazelcastClient(withSerializers);
            HazelcastInstance stranger = HazelcastClient.newHazelcastClient(clientConfig());
            try {
                assertThat(OutcomeLog.of(producer, log.model()).append(outcome)).isZero();

                assertThat(log.read(0, 1)).isEqualTo(new LogRead.Entries(0, List.of(outcome)));
                // Without Hatchery's classes, as another language sees it: the documented type and fields.
                Object raw = stranger.getRingbuffer(ScorerMaps.outcomeLogName(log.model())).readOne(0);
                assertThat(raw).isInstanceOf(GenericRecord.class);
                GenericRecord record = (GenericRecord) raw;
                assertThat(record.toString()).contains(LoggedOutcomeSerializer.TYPE_NAME);
                assertThat(record.getString("event_id")).isEqualTo(outcome.eventId());
                assertThat(record.getArrayOfFloat64("features")).containsExactly(outcome.features());
                assertThat(record.getString("label")).isEqualTo(outcome.label());
                assertThat(record.getInt64("event_time_millis")).isEqualTo(outcome.eventTimeMillis());
                assertThat(record.getInt64("logged_at_millis")).isEqualTo(outcome.loggedAtMillis());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                producer.shutdown();
                stranger.shutdown();
            }
        }

        private ClientConfig clientConfig() {
            ClientConfig config = new ClientConfig().setClusterName(member.getConfig().getClusterName());
            config.getNetworkConfig().addAddress("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
            return config;
        }
    }

    @Nested
    class Reading {

        @Test
        void inBatchesFromASequence() throws Exception {
            List<LoggedOutcome> outcomes = outcomes(30);
            log.appendAllAsync(outcomes).toCompletableFuture().get();

            LogRead read = log.readAsync(10, 7).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(read).isEqualTo(new LogRead.Entries(10, outcomes.subList(10, 17)));
            assertThat(((LogRead.Entries) read).next()).isEqualTo(17);
        }

        @Test
        void atTheTailWaitsForTheNextEntryAndWakesWithIt() throws Exception {
            log.append(outcomes(1).getFirst());
            CompletableFuture<LogRead> read = log.readAsync(1, 100).toCompletableFuture();
            Thread.sleep(200);
            assertThat(read).isNotDone();

            LoggedOutcome next = outcomes(2).get(1);
            log.append(next);

            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(new LogRead.Entries(1, List.of(next)));
        }

        @Test
        void fromAnOverwrittenEntryIsToldItIsBehindAndWhereTheLogStartsNow() throws Exception {
            OutcomeLog small = OutcomeLog.of(member, SMALL + UUID.randomUUID());
            small.appendAllAsync(outcomes(120)).toCompletableFuture().get();

            assertThat(small.readAsync(5, 10).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(new LogRead.Behind(5, 70));
            assertThat(small.read(69, 80)).isEqualTo(new LogRead.Behind(69, 70));
            assertThat(small.read(70, 80)).isInstanceOf(LogRead.Entries.class);
        }

        @Test
        void fromBeyondTheTailIsToldItIsAhead() throws Exception {
            log.appendAllAsync(outcomes(10)).toCompletableFuture().get();

            assertThat(log.read(5, 12)).isEqualTo(new LogRead.Ahead(11, 9));
            CompletableFuture<LogRead> ahead = log.readAsync(25, 10).toCompletableFuture();
            log.append(outcomes(11).get(10));
            assertThat(ahead.get(10, TimeUnit.SECONDS)).isEqualTo(new LogRead.Ahead(25, 9));
        }
    }
}

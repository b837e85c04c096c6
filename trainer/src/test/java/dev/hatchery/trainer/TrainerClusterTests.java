package dev.hatchery.trainer;

import static dev.hatchery.trainer.TrainingFixture.CONCEPT_A;
import static dev.hatchery.trainer.TrainingFixture.CONCEPT_B;
import static dev.hatchery.trainer.TrainingFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Three members, each with its trainer and Quartz schedule, training one model. */
@Tag("cluster")
class TrainerClusterTests {

    private static final String MODEL = "clustered";
    /** Once a year: these tests decide when the check runs, if at all. */
    private static final String RARELY = "0 0 0 1 1 ?";

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Trainer> trainers = new ArrayList<>();
    private final List<TrainerSchedule> schedules = new ArrayList<>();

    private void start(TrainerSettings settings) {
        String cluster = TestMembers.newClusterName();
        for (int i = 0; i < 3; i++) {
            HazelcastInstance member = TestMembers.member(cluster, config -> {
                ScorerMaps.configure(config, 100_000);
                FeedbackMaps.configure(config, 100_000);
                TrainerMaps.addSerializers(config.getSerializationConfig());
            });
            members.add(member);
            trainers.add(Trainer.on(member, settings));
        }
        await().until(() -> members.getFirst().getCluster().getMembers().size() == 3);
    }

    private void startSchedules() {
        for (int i = 0; i < members.size(); i++) {
            schedules.add(TrainerSchedule.start(trainers.get(i), members.get(i).getName()));
        }
    }

    @AfterEach
    void stop() {
        schedules.forEach(TrainerSchedule::close);
        trainers.forEach(Trainer::close);
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    private static TrainingPolicy policy(Algorithm algorithm, FitOptions fit, TriggerSettings triggers) {
        return new TrainingPolicy(algorithm, fit, new TrainingWindow.SinceDrift(500, 4_000), 0.2, triggers,
                new GateSettings(false, 0.0, 0.05, 0.0), 60_000, RecencyWeighting.DEFAULTS, SearchSettings.DEFAULTS,
                ShadowSettings.DEFAULTS, ProbationSettings.DEFAULTS);
    }

    private List<TrainingReport> reports() {
        return List.copyOf(TrainerMaps.trainingRuns(members.getFirst()).values());
    }

    @Test
    void eachFiringOfAModelsScheduleRunsOnceAlthoughEveryMemberFiresIt() throws Exception {
        TriggerSettings everyTwoSeconds = new TriggerSettings("0/2 * * * * ?", TriggerSettings.Misfire.SKIP, false,
                false, 0, 0, false);
        start(TrainerSettings.of(policy(Algorithm.LOGISTIC_REGRESSION, FitOptions.DEFAULTS, everyTwoSeconds))
                .withCheckCron(RARELY));
        trainers.getFirst().bootstrap(MODEL, rows(CONCEPT_A, 1_000, 1), "test");
        TrainingFixture.outcomes(members.getFirst(), MODEL, rows(CONCEPT_A, 1_500, 2), 0, 1, 1);

        startSchedules();
        await().atMost(Duration.ofSeconds(20)).until(() -> finishedScheduled().size() >= 3);
        schedules.forEach(TrainerSchedule::close);
        schedules.clear();

        List<TrainingReport> runs = finishedScheduled();
        Map<Instant, Long> runsPerFiring = runs.stream().collect(Collectors.groupingBy(
                TrainerClusterTests::fireTime, Collectors.counting()));
        assertThat(runsPerFiring.values()).as("runs per firing, by firing: %s", runsPerFiring).containsOnly(1L);
    }

    private List<TrainingReport> finishedScheduled() {
        return reports().stream().filter(r -> r.finished() && r.triggerKind() == Trigger.Kind.SCHEDULE).toList();
    }

    static Instant fireTime(TrainingReport report) {
        return Instant.parse(report.trigger().substring(report.trigger().indexOf(" fired at ") + 10));
    }

    @Test
    void oneDriftSignalSeenByThreeMembersAtOnceGivesOneRun() throws Exception {
        TriggerSettings onDrift = new TriggerSettings("", TriggerSettings.Misfire.SKIP, true, false, 0, 0, false);
        start(TrainerSettings.of(policy(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS, onDrift)).withCheckCron(RARELY));
        trainers.getFirst().bootstrap(MODEL, rows(CONCEPT_A, 1_000, 1), "test");
        TrainingFixture.outcomes(members.getFirst(), MODEL, rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
        TrainingFixture.signal(members.getFirst(), MODEL, 1, 10_000);

        List<CompletableFuture<Optional<TrainingReport>>> attempts = new ArrayList<>();
        for (Trainer trainer : trainers) {
            attempts.add(CompletableFuture.supplyAsync(() -> trainer.runIfDue(MODEL)));
            attempts.add(CompletableFuture.supplyAsync(() -> {
                trainer.check();
                return Optional.empty();
            }));
        }
        attempts.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(30)).until(() -> reports().stream().allMatch(TrainingReport::finished));

        assertThat(reports()).singleElement().satisfies(run -> {
            assertThat(run.triggerKind()).isEqualTo(Trigger.Kind.DRIFT);
            assertThat(run.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        });
        assertThat(ModelRegistry.on(members.getFirst()).versions(MODEL)).hasSize(2);
    }

    @Test
    void aRunWhoseMemberIsKilledIsFinishedByAnotherAndLeavesNoHalfRegisteredVersion() {
        // Big enough a forest that the run is still training when its member dies.
        // (400 trees once finished between the run being seen RUNNING and its member's kill.)
        FitOptions slow = new FitOptions(1_200, 20, 100_000, 1, 0.05, 0.1, 1, 7);
        start(TrainerSettings.of(policy(Algorithm.RANDOM_FOREST, slow, TriggerSettings.manualOnly()))
                .withCheckCron("* * * * * ?"));
        Trainer first = trainers.getFirst();
        first.bootstrap(MODEL, rows(CONCEPT_A, 600, 1), "test");
        TrainingFixture.outcomes(members.getFirst(), MODEL, rows(CONCEPT_B, 4_000, 3), 10_000, 1, 1);
        startSchedules();

        TrainingRequest request = first.request(MODEL, "grace", "kill test");
        TrainingReport running = await().atMost(Duration.ofSeconds(20))
                .until(() -> reports().stream().filter(r -> r.status().equals(TrainingReport.Status.RUNNING)).findFirst(),
                        Optional::isPresent).orElseThrow();
        int victim = indexOf(running.member());
        schedules.get(victim).close();
        members.get(victim).getLifecycleService().terminate();
        trainers.get(victim).close();
        HazelcastInstance survivor = members.get((victim + 1) % 3);
        Trainer survivingTrainer = trainers.get((victim + 1) % 3);

        TrainingReport finished = await().atMost(Duration.ofSeconds(90))
                .until(() -> survivingTrainer.report(request.requestId()), Optional::isPresent).orElseThrow();

        assertThat(finished.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        assertThat(finished.member()).isNotEqualTo(running.member());
        Map<String, TrainingReport> byRun = TrainerMaps.trainingRuns(survivor).values().stream()
                .collect(Collectors.toMap(TrainingReport::runId, Function.identity()));
        assertThat(byRun.get(running.runId()).status()).isEqualTo(TrainingReport.Status.INTERRUPTED);
        assertThat(byRun.get(running.runId()).detail()).contains("left while running it");
        ModelRegistry registry = ModelRegistry.on(survivor);
        assertThat(registry.versions(MODEL)).extracting(ModelVersion::version).containsExactly(1, finished.versions().newVersion());
        for (ModelVersion version : registry.versions(MODEL)) {
            assertThat(registry.load(MODEL, version.version())).isNotNull();
            assertThat(FeedbackMaps.references(survivor).get(version.key())).isNotNull();
        }
        assertThat(registry.deployment(MODEL).orElseThrow().version()).isEqualTo(finished.versions().newVersion());
    }

    private int indexOf(String memberName) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).getName().equals(memberName)) {
                return i;
            }
        }
        throw new IllegalStateException("no member " + memberName);
    }
}

package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.compact.CompactInternalGenericRecord;
import com.hazelcast.internal.serialization.impl.compact.Schema;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import com.hazelcast.query.Predicates;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.trainer.TrainingReport.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reports are stored as they were before {@link TrainingReport} was split into parts: the flat
 * Compact form Hazelcast's zero-config serializer wrote for the 31-component record. Old reports
 * must read back, SQL and predicates must find the old fields.
 */
class TrainingReportStorageTests {

    /**
     * The schema id of the zero-config serializer's form of the flat record, read off a report
     * it wrote just before the split. The id is a fingerprint of the type name and every field's
     * name and kind, so an equal id means the very same schema.
     */
    private static final long FLAT_RECORD_SCHEMA_ID = -7442951191323520240L;

    /** The stored fields, as the zero-config serializer wrote them (one per flat component). */
    private static final Map<String, FieldKind> FLAT_FIELDS = flatFields();

    private static HazelcastInstance member;
    private static HazelcastInstance client;

    @BeforeAll
    static void start() {
        member = TestMembers.standalone(config -> TrainerMaps.configure(config, 60_000));
        ClientConfig config = new ClientConfig().setClusterName(member.getConfig().getClusterName());
        config.getNetworkConfig().addAddress("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
        TrainerMaps.addSerializers(config.getSerializationConfig());
        client = HazelcastClient.newHazelcastClient(config);
        TrainerMaps.createSqlMappings(member);
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        member.shutdown();
    }

    private static Map<String, FieldKind> flatFields() {
        Map<String, FieldKind> fields = new LinkedHashMap<>();
        for (String name : List.of("runId", "requestId", "model", "triggerKind", "trigger", "status", "algorithm",
                "hyperparameters", "window", "dataSha256", "detail", "member")) {
            fields.put(name, FieldKind.STRING);
        }
        for (String name : List.of("seed", "windowStartEventTime", "windowEndEventTime", "trainMillis", "epoch",
                "startedAtMillis", "finishedAtMillis")) {
            fields.put(name, FieldKind.INT64);
        }
        for (String name : List.of("recencyHalfLifeRows", "searchTrials", "trainingRows", "holdoutRows",
                "challengerOnly", "championOnly", "shadowEvents", "championVersion", "newVersion")) {
            fields.put(name, FieldKind.INT32);
        }
        for (String name : List.of("challengerAccuracy", "championAccuracy", "pValue")) {
            fields.put(name, FieldKind.FLOAT64);
        }
        return Map.copyOf(fields);
    }

    /** Every number different, so that a field read into the wrong part shows. */
    private static TrainingReport report(String runId, Trigger.Kind kind, Status status) {
        return new TrainingReport(runId, "request-" + runId, "m-" + runId, kind, "drift signal #3", status,
                new TrainingReport.Challenger("random-forest", "trees=50,depth=8", 11L, 12, 13, 14L),
                new TrainingReport.Window("since drift, 500..3000 rows", 21L, 22L, 23, 24, "ab".repeat(32)),
                new TrainingReport.Comparison(0.31, 0.32, 33, 34, 0.035, 36),
                new TrainingReport.Versions(41, 42, 43L), "won by 0.01", "member-1", 51L, status.finished() ? 52L : 0);
    }

    /** The same report, in the form stored before the split, written field by field. */
    private static GenericRecord flat(String runId, String kind, String status) {
        return GenericRecordBuilder.compact("dev.hatchery.trainer.TrainingReport")
                .setString("runId", runId).setString("requestId", "request-" + runId).setString("model", "m-" + runId)
                .setString("triggerKind", kind).setString("trigger", "drift signal #3").setString("status", status)
                .setString("algorithm", "random-forest").setString("hyperparameters", "trees=50,depth=8")
                .setInt64("seed", 11L).setInt32("recencyHalfLifeRows", 12).setInt32("searchTrials", 13)
                .setString("window", "since drift, 500..3000 rows").setInt64("windowStartEventTime", 21L)
                .setInt64("windowEndEventTime", 22L).setInt32("trainingRows", 23).setInt32("holdoutRows", 24)
                .setString("dataSha256", "ab".repeat(32)).setInt64("trainMillis", 14L)
                .setFloat64("challengerAccuracy", 0.31).setFloat64("championAccuracy", 0.32)
                .setInt32("challengerOnly", 33).setInt32("championOnly", 34).setFloat64("pValue", 0.035)
                .setInt32("shadowEvents", 36).setInt32("championVersion", 41).setInt32("newVersion", 42)
                .setInt64("epoch", 43L).setString("detail", "won by 0.01").setString("member", "member-1")
                .setInt64("startedAtMillis", 51L).setInt64("finishedAtMillis", 52L)
                .build();
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    private static Schema schema(Object value) throws IOException {
        // Internal API: the public one gives no way to see the schema a value is stored with.
        InternalSerializationService serialization = ((HazelcastInstanceProxy) member).getSerializationService();
        GenericRecord stored = serialization.readAsInternalGenericRecord(serialization.toData(value));
        return ((CompactInternalGenericRecord) stored).getSchema();
    }

    @Test
    void storedFormIsTheFlatRecordsSchema() throws IOException {
        Schema schema = schema(report(newRunId(), Trigger.Kind.DATA_DRIFT, Status.SHADOW));

        assertThat(schema.getTypeName()).isEqualTo("dev.hatchery.trainer.TrainingReport");
        Map<String, FieldKind> fields = new LinkedHashMap<>();
        schema.getFields().forEach(field -> fields.put(field.getFieldName(), field.getKind()));
        assertThat(fields).containsExactlyInAnyOrderEntriesOf(FLAT_FIELDS);
        assertThat(schema.getSchemaId()).isEqualTo(FLAT_RECORD_SCHEMA_ID)
                .isEqualTo(schema(flat(newRunId(), "data-drift", "SHADOW")).getSchemaId());
    }

    @Test
    void theSqlMappingsColumnsAreTheStoredFields() {
        Map<String, FieldKind> columns = new LinkedHashMap<>();
        Map<String, FieldKind> kinds = Map.of("VARCHAR", FieldKind.STRING, "BIGINT", FieldKind.INT64, "INT",
                FieldKind.INT32, "DOUBLE", FieldKind.FLOAT64);
        for (String column : TrainingReport.COLUMNS) {
            String[] nameAndType = column.split(" ");
            columns.put(nameAndType[0], kinds.get(nameAndType[1]));
        }
        assertThat(columns).containsExactlyInAnyOrderEntriesOf(FLAT_FIELDS);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void aReportRoundTripsThroughMemberAndClient(Status status) {
        for (Trigger.Kind kind : Trigger.Kind.values()) {
            TrainingReport written = report(newRunId(), kind, status);
            TrainerMaps.trainingRuns(client).set(written.runId(), written);

            assertThat(TrainerMaps.trainingRuns(member).get(written.runId())).isEqualTo(written);
            assertThat(TrainerMaps.trainingRuns(client).get(written.runId())).isEqualTo(written);
        }
    }

    @Test
    void aReportStoredInTheFlatFormReadsBackInParts() {
        String runId = newRunId();
        IMap<String, Object> raw = member.getMap(TrainerMaps.TRAINING_RUNS);
        raw.set(runId, flat(runId, "data-drift", "DEPLOYED"));

        TrainingReport expected = report(runId, Trigger.Kind.DATA_DRIFT, Status.DEPLOYED);
        assertThat(TrainerMaps.trainingRuns(member).get(runId)).isEqualTo(expected);
        assertThat(TrainerMaps.trainingRuns(client).get(runId)).isEqualTo(expected);
    }

    @Test
    void predicatesFindOldAndNewReportsByTheirFlatFields() {
        String old = newRunId();
        String model = "m-" + old;
        member.getMap(TrainerMaps.TRAINING_RUNS).set(old, flat(old, "drift", "SHADOW"));
        // Same model as the old one, so both answer one query.
        TrainingReport fresh = new TrainingReport(newRunId(), "request-new", model, Trigger.Kind.MANUAL, "by alice",
                Status.SHADOW, report(old, Trigger.Kind.MANUAL, Status.SHADOW).challenger(),
                report(old, Trigger.Kind.MANUAL, Status.SHADOW).window(),
                report(old, Trigger.Kind.MANUAL, Status.SHADOW).comparison(), new TrainingReport.Versions(41, 42, 0),
                "in shadow", "member-2", 61L, 62L);
        TrainerMaps.trainingRuns(member).set(fresh.runId(), fresh);
        IMap<String, TrainingReport> runs = TrainerMaps.trainingRuns(client);

        // Trainer.shadowRun's query, and the lookups of TrainerControls and the MLflow mirror.
        assertThat(runs.keySet(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("status", Status.SHADOW.name()), Predicates.equal("newVersion", 42))))
                .containsExactlyInAnyOrder(old, fresh.runId());
        assertThat(runs.keySet(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("triggerKind", "manual")))).containsExactly(fresh.runId());
        assertThat(runs.keySet(Predicates.and(Predicates.equal("model", model),
                Predicates.greaterEqual("finishedAtMillis", 60L)))).containsExactly(fresh.runId());
        assertThat(runs.keySet(Predicates.equal("requestId", "request-" + old))).containsExactly(old);
        assertThat(runs.keySet(Predicates.and(Predicates.equal("model", model), Predicates.equal("epoch", 43L))))
                .containsExactly(old);
    }

    @Test
    void sqlReturnsTheOldColumnsWithTheOldStrings() {
        TrainingReport written = report(newRunId(), Trigger.Kind.ACCURACY_FLOOR, Status.TIMED_OUT);
        TrainerMaps.trainingRuns(client).set(written.runId(), written);

        List<String> columns = List.of("run_id", "request_id", "model", "trigger_kind", "trigger", "status",
                "algorithm", "hyperparameters", "seed", "recency_half_life_rows", "search_trials", "window",
                "window_start_event_time", "window_end_event_time", "training_rows", "holdout_rows", "data_sha256",
                "train_millis", "challenger_accuracy", "champion_accuracy", "challenger_only", "champion_only",
                "p_value", "shadow_events", "champion_version", "new_version", "epoch", "detail", "member",
                "started_at_millis", "finished_at_millis");
        List<Object> values = new ArrayList<>();
        try (var result = client.getSql().execute("SELECT " + String.join(", ", columns.stream()
                .map(c -> '"' + c + '"').toList()) + " FROM training_runs WHERE run_id = ?", written.runId())) {
            SqlRow row = result.iterator().next();
            for (int i = 0; i < columns.size(); i++) {
                values.add(row.getObject(i));
            }
        }

        assertThat(values).containsExactlyElementsOf(Arrays.asList(written.runId(), written.requestId(),
                written.model(), "accuracy-floor", "drift signal #3", "TIMED_OUT", "random-forest",
                "trees=50,depth=8", 11L, 12, 13, "since drift, 500..3000 rows", 21L, 22L, 23, 24, "ab".repeat(32), 14L,
                0.31, 0.32, 33, 34, 0.035, 36, 41, 42, 43L, "won by 0.01", "member-1", 51L, 52L));
    }

    @Test
    void triggerKindsKeepTheirStoredText() {
        assertThat(Arrays.stream(Trigger.Kind.values()).map(Trigger.Kind::text)).containsExactly("schedule", "drift",
                "data-drift", "accuracy-floor", "more-data", "refresh", "manual");
        for (Trigger.Kind kind : Trigger.Kind.values()) {
            assertThat(Trigger.Kind.parse(kind.text())).isSameAs(kind);
        }
        assertThat(new Trigger.DataDrift(1, 2, 3, "x", 0.4).kind()).isEqualTo(Trigger.Kind.DATA_DRIFT);
        assertThat(new Trigger.AccuracyFloor(0.5, 0.6).kind()).isEqualTo(Trigger.Kind.ACCURACY_FLOOR);
        assertThat(new Trigger.MoreData(10, 1, 5).kind()).isEqualTo(Trigger.Kind.MORE_DATA);
    }

    @Test
    void judgingAShadowTrialReplacesTheComparisonAndEndsTheRun() {
        TrainingReport shadow = report(newRunId(), Trigger.Kind.DRIFT, Status.SHADOW);
        HeadToHead live = new HeadToHead(100, 90, 60, 35, 5);

        TrainingReport judged = shadow.judgedInShadow(Status.DEPLOYED, live, 77L, "won its trial", 99L);

        assertThat(judged).isEqualTo(new TrainingReport(shadow.runId(), shadow.requestId(), shadow.model(),
                Trigger.Kind.DRIFT, shadow.trigger(), Status.DEPLOYED, shadow.challenger(), shadow.window(),
                new TrainingReport.Comparison(0.9, 0.6, 35, 5, live.pValue(), 100), new TrainingReport.Versions(41, 42, 77L),
                "won its trial", shadow.member(), shadow.startedAtMillis(), 99L));
        assertThat(shadow.interrupted("member left", 98L)).isEqualTo(shadow.withEnd(Status.INTERRUPTED, "member left",
                98L)).extracting(TrainingReport::status, TrainingReport::comparison, TrainingReport::finishedAtMillis)
                .containsExactly(Status.INTERRUPTED, shadow.comparison(), 98L);
    }
}

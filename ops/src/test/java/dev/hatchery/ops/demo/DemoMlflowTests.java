package dev.hatchery.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.registry.mlflow.MlflowSettings;
import dev.hatchery.registry.mlflow.MlflowStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The demo with an MLflow server configured: what it trained and served is in MLflow when it ends. */
@Tag("slow")
class DemoMlflowTests {

    private MlflowStub stub;

    @BeforeEach
    void startStub() {
        stub = MlflowStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Nested
    class AShortDemo {
        @Test
        void leavesItsRunVersionArtifactsAndAliasInMlflow() throws Exception {
            HatcheryConfig config = Demo.demoConfig(HatcheryConfig.DEFAULTS).withMlflow(MlflowSettings.DEFAULTS
                    .withTrackingUri(stub.uri()).withIntervals(100, 500, 100, 1_000));
            DemoOptions options = new DemoOptions(1_000, 2_000, 100, "sea", 1, null, null, 1_000, 1_000);

            DemoSummary summary = new Demo(options, config, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)).run();

            assertThat(summary.predictions()).isEqualTo(1_000);
            // The node pushed what was pending before it stopped.
            List<MlflowStub.StubRun> runs = stub.runs("hatchery-sea");
            assertThat(runs).isNotEmpty();
            MlflowStub.StubRun bootstrap = runs.getFirst();
            assertThat(bootstrap.status()).isEqualTo("FINISHED");
            assertThat(bootstrap.params()).containsEntry("algorithm", "random-forest").containsKey("training_rows");
            assertThat(bootstrap.metrics()).containsKey("challenger_holdout_accuracy");
            assertThat(bootstrap.tags()).containsEntry("trigger", "bootstrap").containsEntry("hatchery.version", "1");
            MlflowStub.StubVersion v1 = stub.versions("sea").getFirst();
            assertThat(v1.tags()).containsEntry("hatchery.version", "1").containsEntry("hatchery.epoch", "1");
            assertThat(stub.alias("sea", "champion")).isPresent();
            byte[] model = download(bootstrap.artifactUri() + "/v1/model.bin");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
            assertThat(v1.tags()).containsEntry("hatchery.sha256", sha);
            assertThat(new String(download(bootstrap.artifactUri() + "/v1/model_card.json"), StandardCharsets.UTF_8))
                    .contains("\"sha256\" : \"" + sha + "\"");
        }
    }

    private byte[] download(String artifactUri) throws Exception {
        String path = artifactUri.substring("mlflow-artifacts:/".length());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.uri()
                + "/api/2.0/mlflow-artifacts/artifacts/" + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

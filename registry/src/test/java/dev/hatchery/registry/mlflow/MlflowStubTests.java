package dev.hatchery.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The stub refuses what a real MLflow 2.10 server refuses, with the same status and error code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowStubTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private MlflowStub stub;
    private String runId;

    record Answer(int status, JsonNode body) {
        String errorCode() {
            return body.path("error_code").asText();
        }
    }

    @BeforeAll
    void startStubWithARunAndAModel() throws Exception {
        stub = MlflowStub.start();
        String experiment = post("experiments/create", "{\"name\":\"stub-check\"}").body().path("experiment_id")
                .asText();
        runId = post("runs/create", "{\"experiment_id\":\"" + experiment + "\",\"start_time\":1795343945410,"
                + "\"run_name\":\"curl-run\"}").body().path("run").path("info").path("run_id").asText();
        post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"alpha\",\"value\":\"0.5\"}");
        post("registered-models/create", "{\"name\":\"demo\"}");
        post("model-versions/create", "{\"name\":\"demo\",\"source\":\"runs:/" + runId + "/model\",\"run_id\":\""
                + runId + "\"}");
    }

    @AfterAll
    void stopStub() {
        stub.close();
    }

    @Nested
    class Accepts {
        @Test
        void aRunWithAnArtifactUriOfTheArtifactProxy() throws Exception {
            JsonNode run = get("runs/get?run_id=" + runId).body().path("run");
            assertThat(run.path("info").path("artifact_uri").asText()).startsWith("mlflow-artifacts:/")
                    .endsWith(runId + "/artifacts");
            assertThat(run.path("data").path("params").get(0).path("value").asText()).isEqualTo("0.5");
        }

        @Test
        void anArtifactPutAndReadBack() throws Exception {
            URI uri = URI.create(stub.uri() + MlflowServer.ARTIFACTS + "1/" + runId + "/artifacts/v1/model.bin");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(
                    new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<byte[]> back = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).isEqualTo("{}");
            assertThat(back.body()).containsExactly(1, 2, 3);
        }

        @Test
        void anAliasAsAStringAndAnswersItWithTheVersionsAliases() throws Exception {
            assertThat(post("registered-models/alias", "{\"name\":\"demo\",\"alias\":\"champion\",\"version\":\"1\"}")
                    .status()).isEqualTo(200);
            JsonNode version = get("registered-models/alias?name=demo&alias=champion").body().path("model_version");
            assertThat(version.path("version").asText()).isEqualTo("1");
            assertThat(version.path("aliases").get(0).asText()).isEqualTo("champion");
        }

        @Test
        void aDeleteOfAnAliasWithAJsonBody() throws Exception {
            post("registered-models/alias", "{\"name\":\"demo\",\"alias\":\"tmp\",\"version\":\"1\"}");
            assertThat(send("DELETE", "registered-models/alias", "{\"name\":\"demo\",\"alias\":\"tmp\"}", true)
                    .status()).isEqualTo(200);
            assertThat(stub.alias("demo", "tmp")).isEmpty();
        }
    }

    @Nested
    class Refuses {
        @Test
        void aPostWithoutContentTypeJson() throws Exception {
            assertThat(send("POST", "experiments/create", "{\"name\":\"x\"}", false).status()).isEqualTo(400);
            assertThat(stub.experimentId("x")).isEmpty();
        }

        @Test
        void aParamValueSentAsANumber() throws Exception {
            Answer answer = post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"beta\",\"value\":0.5}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void aParamLoggedAgainWithAnotherValue() throws Exception {
            Answer answer = post("runs/log-batch", "{\"run_id\":\"" + runId
                    + "\",\"params\":[{\"key\":\"alpha\",\"value\":\"0.7\"}]}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(post("runs/log-batch", "{\"run_id\":\"" + runId
                    + "\",\"params\":[{\"key\":\"alpha\",\"value\":\"0.5\"}]}").status()).isEqualTo(200);
        }

        @Test
        void aMetricWithoutTimestamp() throws Exception {
            Answer answer = post("runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"rmse\",\"value\":0.27}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void anAliasVersionSentAsANumber() throws Exception {
            Answer answer = post("registered-models/alias", "{\"name\":\"demo\",\"alias\":\"champion\",\"version\":1}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void aSecondRegisteredModelOfOneName() throws Exception {
            Answer answer = post("registered-models/create", "{\"name\":\"demo\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        }

        @Test
        void aMissingAliasWith400NotFound404() throws Exception {
            Answer answer = get("registered-models/alias?name=demo&alias=nope");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void aMissingModelOrVersionWith404() throws Exception {
            Answer model = get("registered-models/get?name=nope");
            Answer version = post("registered-models/alias", "{\"name\":\"demo\",\"alias\":\"champion\",\"version\":\"9\"}");
            assertThat(model.status()).isEqualTo(404);
            assertThat(model.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(version.status()).isEqualTo(404);
            assertThat(version.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        @Test
        void aDeleteOfAnAliasWithQueryParametersOnly() throws Exception {
            Answer answer = send("DELETE", "registered-models/alias?name=demo&alias=champion", "", true);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void everythingWhileUnavailable() throws Exception {
            stub.unavailable(true);
            try {
                assertThat(get("registered-models/get?name=demo").status()).isEqualTo(503);
            } finally {
                stub.unavailable(false);
            }
            assertThat(get("registered-models/get?name=demo").status()).isEqualTo(200);
        }
    }

    private Answer post(String endpoint, String body) throws IOException, InterruptedException {
        return send("POST", endpoint, body, true);
    }

    private Answer get(String endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stub.uri() + MlflowServer.API
                + endpoint)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private Answer send(String method, String endpoint, String body, boolean jsonType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.uri() + MlflowServer.API + endpoint))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (jsonType) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private JsonNode parse(String body) throws IOException {
        return body.isBlank() || !body.strip().startsWith("{") ? json.createObjectNode() : json.readTree(body);
    }
}

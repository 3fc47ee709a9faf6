package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.registry.Registry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.CreateModelVersion;
import org.mlflow.api.proto.ModelRegistry.CreateRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.GetModelVersionByAlias;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.ModelRegistry.RenameRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.SetRegisteredModelAlias;
import org.mlflow.api.proto.ModelRegistry.TransitionModelVersionStage;
import org.mlflow.api.proto.ModelRegistry.UpdateRegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.MessageOrBuilder;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * The model registry through the official MLflow Java client: its own getters, and its sendPost/sendPatch with the
 * client's protobuf messages printed as it prints them for the calls it has no method for.
 */
class MlflowRegistryClientIT {
    @TempDir
    Path dir;
    MlflowTestServer server;
    MlflowClient client;

    @BeforeEach
    void start() {
        server = MlflowTestServer.duckDb(dir);
        client = new MlflowClient(server.uri());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String json(MessageOrBuilder m) throws Exception {
        return JsonFormat.printer().preservingProtoFieldNames().print(m);
    }

    private static <B extends Message.Builder> B parse(String json, B builder) throws Exception {
        JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        return builder;
    }

    @Test
    void registersVersionsAliasesAndStagesOfARunsModel() throws Exception {
        String runId = client.createRun().getRunId();
        client.logMetric(runId, "acc", 0.93);
        client.sendPost("registered-models/create", json(CreateRegisteredModel.newBuilder().setName("classifier")));
        for (int i = 0; i < 2; i++) {
            client.sendPost("model-versions/create", json(CreateModelVersion.newBuilder().setName("classifier")
                    .setSource("runs:/" + runId + "/model").setRunId(runId)));
        }
        client.sendPost("registered-models/alias",
                json(SetRegisteredModelAlias.newBuilder().setName("classifier").setAlias("champion").setVersion("1")));
        String moved = client.sendPost("model-versions/transition-stage", json(TransitionModelVersionStage.newBuilder()
                .setName("classifier").setVersion("2").setStage("Production").setArchiveExistingVersions(true)));
        client.sendPatch("registered-models/update",
                json(UpdateRegisteredModel.newBuilder().setName("classifier").setDescription("digits")));

        assertThat(parse(moved, TransitionModelVersionStage.Response.newBuilder()).getModelVersion().getCurrentStage())
                .isEqualTo("Production");
        RegisteredModel model = client.getRegisteredModel("classifier");
        assertThat(model.getDescription()).isEqualTo("digits");
        assertThat(model.getAliasesList()).anyMatch(a -> a.getAlias().equals("champion") && a.getVersion().equals("1"));
        ModelVersion v1 = client.getModelVersion("classifier", "1");
        assertThat(v1.getRunId()).isEqualTo(runId);
        assertThat(v1.getAliasesList()).containsExactly("champion");
        assertThat(client.getLatestVersions("classifier", List.of("Production"))).extracting(ModelVersion::getVersion)
                .containsExactly("2");
        assertThat(client.getModelVersionDownloadUri("classifier", "2")).isEqualTo("runs:/" + runId + "/model");
        assertThat(client.searchModelVersions("name = 'classifier'").getItems()).hasSize(2);
        String byAlias = client.sendGet("registered-models/alias?name=classifier&alias=champion");
        assertThat(parse(byAlias, GetModelVersionByAlias.Response.newBuilder()).getModelVersion().getVersion())
                .isEqualTo("1");
        assertThat(new Registry(server.tracking).getVersion("classifier", 2).metrics()).containsKey("acc");
    }

    @Test
    void refusesDuplicateNamesAndInvalidStagesAndRenames() throws Exception {
        client.sendPost("registered-models/create", json(CreateRegisteredModel.newBuilder().setName("m")));
        client.sendPost("model-versions/create",
                json(CreateModelVersion.newBuilder().setName("m").setSource("s3://b")));

        assertThatThrownBy(() -> client.sendPost("registered-models/create",
                json(CreateRegisteredModel.newBuilder().setName("m")))).isInstanceOf(MlflowHttpException.class)
                        .hasMessageContaining("RESOURCE_ALREADY_EXISTS");
        assertThatThrownBy(() -> client.sendPost("model-versions/transition-stage",
                json(TransitionModelVersionStage.newBuilder().setName("m").setVersion("1").setStage("Prod"))))
                        .isInstanceOf(MlflowHttpException.class).hasMessageContaining("INVALID_PARAMETER_VALUE");
        assertThatThrownBy(() -> client.getRegisteredModel("nope")).isInstanceOf(MlflowHttpException.class)
                .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");

        client.sendPost("registered-models/rename",
                json(RenameRegisteredModel.newBuilder().setName("m").setNewName("m2")));
        assertThat(client.getModelVersion("m2", "1").getSource()).isEqualTo("s3://b");
    }
}

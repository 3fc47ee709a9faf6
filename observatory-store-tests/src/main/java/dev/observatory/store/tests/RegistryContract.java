package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.model.registry.VersionStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RegistryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model registry: models, versions, tags, stages and aliases. */
abstract class RegistryContract extends StorageFixture {

    /** A made-up run id: the store does not check lineage (core does). */
    static final String RUN_ID = "feedfacecafebeef";

    RegistryStore registry;

    @BeforeEach
    void registry() {
        registry = storage.registry();
    }

    RegisteredModel model(String name) {
        return registry.createModel(NewModel.named(name));
    }

    ModelVersion version(String model, String source) {
        return registry.createVersion(NewModelVersion.of(model, source, null));
    }

    @Test
    void registersAModelWithDescriptionTagsOwnerAndTimes() {
        Instant before = Instant.now().minusSeconds(1);

        RegisteredModel m = registry.createModel(
                new NewModel("resnet-50", "image classifier", Map.of("team", "vision", "task", "cls"), "ada"));

        assertThat(m.name()).isEqualTo("resnet-50");
        assertThat(m.description()).isEqualTo("image classifier");
        assertThat(m.tags()).containsExactly(Map.entry("task", "cls"), Map.entry("team", "vision"));
        assertThat(m.owner()).isEqualTo("ada");
        assertThat(m.createdAt()).isBetween(before, Instant.now().plusSeconds(1)).isEqualTo(m.updatedAt());
        assertThat(m.createdAt().getNano() % 1_000_000).isZero();
        assertThat(m.aliases()).isEmpty();
        assertThat(registry.getModel("resnet-50")).contains(m);
    }

    @Test
    void rejectsADuplicateModelName() {
        model("resnet");

        assertThatThrownBy(() -> model("resnet")).isInstanceOf(ConflictException.class).hasMessageContaining("resnet");
        assertThat(registry.countModels(ModelQuery.all(10))).isEqualTo(1);
    }

    @Test
    void anUnknownModelIsEmptyOrNotFound() {
        assertThat(registry.getModel("nope")).isEmpty();
        assertThatThrownBy(() -> registry.updateModel("nope", ModelPatch.description("x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.deleteModel("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> version("nope", "s3://x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.setAlias("nope", "champion", 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatesDescriptionAndSetsAndRemovesTags() {
        registry.createModel(new NewModel("bert", "old", Map.of("a", "1", "b", "2"), null));
        pause();

        RegisteredModel m = registry.updateModel("bert",
                new ModelPatch("new text", Map.of("b", "20", "c", "3"), List.of("a", "missing")));

        assertThat(m.description()).isEqualTo("new text");
        assertThat(m.tags()).containsExactly(Map.entry("b", "20"), Map.entry("c", "3"));
        assertThat(m.updatedAt()).isAfter(m.createdAt());
        assertThat(registry.getModel("bert")).contains(m);
        assertThat(registry.updateModel("bert", ModelPatch.setTag("d", "")).tags()).containsEntry("d", "")
                .containsEntry("b", "20");
    }

    @Test
    void listsModelsByNameWithPagingAndCounts() {
        for (String n : List.of("zeta", "alpha", "Mid", "beta")) {
            model(n);
        }

        assertThat(names(registry.listModels(ModelQuery.all(10)))).containsExactly("Mid", "alpha", "beta", "zeta");
        assertThat(names(registry.listModels(ModelQuery.all(2).page(2, 2)))).containsExactly("beta", "zeta");
        assertThat(names(registry.listModels(new ModelQuery(null, null, ModelQuery.Sort.NAME, true, 1, 0))))
                .containsExactly("zeta");
        assertThat(registry.countModels(ModelQuery.all(1))).isEqualTo(4);
    }

    @Test
    void filtersModelsByNameEqualityLikeAndIlike() {
        for (String n : List.of("llama-7b", "llama-70b", "Llama_guard", "mistral-7b", "50%-model")) {
            model(n);
        }

        assertThat(names(list(NameFilter.equalTo("llama-7b")))).containsExactly("llama-7b");
        assertThat(names(list(NameFilter.like("llama%")))).containsExactly("llama-70b", "llama-7b");
        assertThat(names(list(NameFilter.ilike("llama%")))).containsExactly("Llama_guard", "llama-70b", "llama-7b");
        assertThat(names(list(NameFilter.like("%-7_b")))).containsExactly("llama-70b");
        assertThat(names(list(NameFilter.like("%\\_%")))).containsExactly("Llama_guard");
        assertThat(names(list(NameFilter.containing("%")))).containsExactly("50%-model");
        assertThat(names(list(NameFilter.containing("7B")))).containsExactly("llama-7b", "mistral-7b");
        assertThat(registry.countModels(new ModelQuery(NameFilter.like("llama%"), null, null, false, 1, 0)))
                .isEqualTo(2);
    }

    @Test
    void filtersModelsByTagsAndSortsByUpdateTime() {
        registry.createModel(new NewModel("a", null, Map.of("team", "vision"), null));
        pause();
        registry.createModel(new NewModel("b", null, Map.of("team", "nlp"), null));
        pause();
        registry.createModel(new NewModel("c", null, Map.of("team", "vision", "prod", "yes"), null));
        pause();
        registry.updateModel("a", ModelPatch.description("touched"));

        assertThat(names(registry.listModels(new ModelQuery(null, Map.of("team", "vision"), null, false, 10, 0))))
                .containsExactly("a", "c");
        assertThat(
                registry.countModels(new ModelQuery(null, Map.of("team", "vision", "prod", "yes"), null, false, 1, 0)))
                        .isEqualTo(1);
        assertThat(names(registry.listModels(new ModelQuery(null, null, ModelQuery.Sort.UPDATED, true, 10, 0))))
                .containsExactly("a", "c", "b");
        assertThat(names(registry.listModels(new ModelQuery(null, null, ModelQuery.Sort.CREATED, false, 10, 0))))
                .containsExactly("a", "b", "c");
    }

    @Test
    void createsNumberedVersionsWithEveryFieldAndANonFiniteMetricsSnapshot() {
        model("resnet");
        NewModelVersion n = new NewModelVersion("resnet", "s3://ckpt/1", RUN_ID, "first", Map.of("git", "abc"), "ada",
                VersionStatus.PENDING_REGISTRATION, "uploading",
                Map.of("loss", 0.25, "acc", 0.9, "bad", Double.NaN, "inf", Double.NEGATIVE_INFINITY));

        ModelVersion v1 = registry.createVersion(n);
        ModelVersion v2 = version("resnet", "s3://ckpt/2");

        assertThat(v1.id()).matches("[0-9a-f]{16}");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.model()).isEqualTo("resnet");
        assertThat(v1.source()).isEqualTo("s3://ckpt/1");
        assertThat(v1.runId()).isEqualTo(RUN_ID);
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.tags()).containsExactly(Map.entry("git", "abc"));
        assertThat(v1.createdBy()).isEqualTo("ada");
        assertThat(v1.status()).isEqualTo(VersionStatus.PENDING_REGISTRATION);
        assertThat(v1.statusMessage()).isEqualTo("uploading");
        assertThat(v1.stage()).isEqualTo(Stage.NONE);
        assertThat(v1.metrics()).containsEntry("loss", 0.25).containsEntry("acc", 0.9);
        assertThat(v1.metrics().get("bad")).isNaN();
        assertThat(v1.metrics().get("inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(v2.status()).isEqualTo(VersionStatus.READY);
        assertThat(v2.metrics()).isEmpty();
        assertThat(registry.getVersion("resnet", 1)).contains(v1);
        assertThat(registry.getVersionById(v2.id())).contains(v2);
        assertThat(registry.getVersion("resnet", 3)).isEmpty();
        assertThat(registry.getVersionById("0000000000000000")).isEmpty();
    }

    @Test
    void versionNumbersAreNotReusedAfterADelete() {
        model("m");
        version("m", "a");
        version("m", "b");

        registry.deleteVersion("m", 2);

        assertThat(version("m", "c").version()).isEqualTo(3);
        assertThat(registry.getVersion("m", 2)).isEmpty();
        assertThatThrownBy(() -> registry.deleteVersion("m", 2)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void versionsAreNumberedPerModel() {
        model("a");
        model("b");
        version("a", "x");
        version("a", "y");

        assertThat(version("b", "z").version()).isEqualTo(1);
    }

    @Test
    void updatesVersionDescriptionStatusAndTags() {
        model("m");
        registry.createVersion(new NewModelVersion("m", "s", null, null, Map.of("a", "1"), null, null, null, null));
        pause();

        ModelVersion u = registry.updateVersion("m", 1,
                new VersionPatch("tuned", Map.of("b", "2"), List.of("a"), VersionStatus.FAILED_REGISTRATION, "oops"));

        assertThat(u.description()).isEqualTo("tuned");
        assertThat(u.tags()).containsExactly(Map.entry("b", "2"));
        assertThat(u.status()).isEqualTo(VersionStatus.FAILED_REGISTRATION);
        assertThat(u.statusMessage()).isEqualTo("oops");
        assertThat(u.updatedAt()).isAfter(u.createdAt());
        assertThat(registry.getVersion("m", 1)).contains(u);
        assertThat(registry.getModel("m").orElseThrow().updatedAt()).isEqualTo(u.updatedAt());
        assertThatThrownBy(() -> registry.updateVersion("m", 9, VersionPatch.description("x")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void transitionsStagesAndArchivesTheOthersWhenAsked() {
        model("m");
        for (int i = 0; i < 3; i++) {
            version("m", "s" + i);
        }
        registry.transitionStage("m", 1, Stage.PRODUCTION, false);
        registry.transitionStage("m", 2, Stage.PRODUCTION, false);

        ModelVersion v3 = registry.transitionStage("m", 3, Stage.PRODUCTION, true);

        assertThat(v3.stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.getVersion("m", 1).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
        assertThat(registry.getVersion("m", 2).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
        assertThat(registry.transitionStage("m", 1, Stage.STAGING, false).stage()).isEqualTo(Stage.STAGING);
        assertThat(registry.getVersion("m", 3).orElseThrow().stage()).isEqualTo(Stage.PRODUCTION);
    }

    @Test
    void listsVersionsNewestFirstFilteredByModelRunStageAndTags() {
        model("a");
        model("b");
        registry.createVersion(new NewModelVersion("a", "s", "run-1", null, Map.of("k", "v"), null, null, null, null));
        version("a", "s");
        registry.createVersion(new NewModelVersion("b", "s", "run-1", null, null, null, null, null, null));
        registry.transitionStage("a", 2, Stage.STAGING, false);

        assertThat(refs(registry.listVersions(VersionQuery.of("a", 10)))).containsExactly("a/2", "a/1");
        assertThat(refs(registry.listVersions(all().page(10, 0)))).containsExactly("a/2", "a/1", "b/1");
        assertThat(refs(registry.listVersions(all().page(1, 1)))).containsExactly("a/1");
        assertThat(refs(registry.listVersions(new VersionQuery(null, "run-1", null, null, 10, 0))))
                .containsExactly("a/1", "b/1");
        assertThat(refs(registry.listVersions(new VersionQuery(null, null, Set.of(Stage.STAGING), null, 10, 0))))
                .containsExactly("a/2");
        assertThat(refs(registry.listVersions(
                new VersionQuery(null, null, Set.of(Stage.STAGING, Stage.NONE), Map.of("k", "v"), 10, 0))))
                        .containsExactly("a/1");
        assertThat(refs(registry.listVersions(new VersionQuery(NameFilter.ilike("B"), null, null, null, 10, 0))))
                .containsExactly("b/1");
        assertThat(registry.countVersions(all())).isEqualTo(3);
        assertThat(registry.countVersions(VersionQuery.of("b", 1))).isEqualTo(1);
    }

    private static VersionQuery all() {
        return new VersionQuery(null, null, null, null, 1, 0);
    }

    @Test
    void aliasesPointAtOneVersionAndMove() {
        model("m");
        version("m", "a");
        version("m", "b");

        registry.setAlias("m", "champion", 1);
        registry.setAlias("m", "challenger", 2);
        registry.setAlias("m", "champion", 2);

        assertThat(registry.getModel("m").orElseThrow().aliases()).containsExactly(Map.entry("challenger", 2),
                Map.entry("champion", 2));
        assertThat(registry.getVersion("m", 2).orElseThrow().aliases()).containsExactly("challenger", "champion");
        assertThat(registry.getVersion("m", 1).orElseThrow().aliases()).isEmpty();
        assertThat(registry.listVersions(VersionQuery.of("m", 10)).get(0).aliases()).hasSize(2);
        assertThatThrownBy(() -> registry.setAlias("m", "champion", 7)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletesAliasesAndTheAliasesOfADeletedVersion() {
        model("m");
        version("m", "a");
        version("m", "b");
        registry.setAlias("m", "champion", 1);
        registry.setAlias("m", "staging", 2);

        assertThat(registry.deleteAlias("m", "staging")).isTrue();
        assertThat(registry.deleteAlias("m", "staging")).isFalse();
        registry.deleteVersion("m", 1);

        assertThat(registry.getModel("m").orElseThrow().aliases()).isEmpty();
    }

    @Test
    void renamingAModelCarriesItsVersionsTagsAndAliases() {
        registry.createModel(new NewModel("old", "d", Map.of("t", "1"), "ada"));
        ModelVersion v = version("old", "s");
        registry.setAlias("old", "champion", 1);
        model("taken");

        RegisteredModel renamed = registry.renameModel("old", "new");

        assertThat(renamed.name()).isEqualTo("new");
        assertThat(renamed.tags()).containsEntry("t", "1");
        assertThat(renamed.aliases()).containsEntry("champion", 1);
        assertThat(registry.getModel("old")).isEmpty();
        assertThat(registry.getVersion("new", 1).orElseThrow().id()).isEqualTo(v.id());
        assertThat(registry.getVersionById(v.id()).orElseThrow().model()).isEqualTo("new");
        assertThat(version("new", "s2").version()).isEqualTo(2);
        assertThatThrownBy(() -> registry.renameModel("new", "taken")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> registry.renameModel("ghost", "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAModelRemovesEverythingAndFreesTheName() {
        registry.createModel(new NewModel("m", null, Map.of("t", "1"), null));
        ModelVersion v = registry
                .createVersion(new NewModelVersion("m", "s", null, null, Map.of("k", "v"), null, null, null, null));
        registry.setAlias("m", "champion", 1);

        registry.deleteModel("m");

        assertThat(registry.getModel("m")).isEmpty();
        assertThat(registry.getVersionById(v.id())).isEmpty();
        assertThat(registry.countVersions(all())).isZero();
        RegisteredModel again = model("m");
        assertThat(again.tags()).isEmpty();
        assertThat(again.aliases()).isEmpty();
        assertThat(version("m", "s").version()).isEqualTo(1);
        assertThat(registry.getVersion("m", 1).orElseThrow().tags()).isEmpty();
    }

    private List<RegisteredModel> list(NameFilter f) {
        return registry.listModels(new ModelQuery(f, null, null, false, 50, 0));
    }

    private static List<String> names(List<RegisteredModel> models) {
        return models.stream().map(RegisteredModel::name).toList();
    }

    private static List<String> refs(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.model() + "/" + v.version()).toList();
    }
}

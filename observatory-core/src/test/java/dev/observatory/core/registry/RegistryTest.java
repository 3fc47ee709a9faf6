package dev.observatory.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.AuditEvent;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Page;
import dev.observatory.model.Run;
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
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryTest {
    static final Actor ADA = new Actor("ada", "mlflow");
    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    final Registry registry = new Registry(tracking);

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    Run run() {
        Run r = tracking.createRun(ADA, NewRun.of("vision", "baseline"));
        tracking.logMetrics(ADA, r.id(),
                Map.of("loss", new MetricColumns(new long[] { 0, 1 }, new double[] { 2.0, 0.5 }, new long[] { 1, 2 }),
                        "acc", new MetricColumns(new long[] { 0 }, new double[] { 0.8 }, new long[] { 1 })));
        return r;
    }

    @Test
    void registersAModelOwnedByTheActorAndAuditsIt() {
        RegisteredModel m = registry.createModel(ADA, NewModel.named("resnet"));

        assertThat(m.owner()).isEqualTo("ada");
        assertThat(m.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        AuditEvent e = store.audit().list(Long.MAX_VALUE, 1).getFirst();
        assertThat(e.action()).isEqualTo("model.create");
        assertThat(e.target()).isEqualTo("model/resnet");
        assertThat(e.surface()).isEqualTo("mlflow");
    }

    @Test
    void aVersionFromARunSnapshotsItsLastMetricValues() {
        registry.createModel(ADA, NewModel.named("resnet"));
        Run r = run();

        ModelVersion v = registry.createVersion(ADA,
                NewModelVersion.of("resnet", "runs:/" + r.id() + "/model", r.id()));

        assertThat(v.version()).isEqualTo(1);
        assertThat(v.metrics()).isEqualTo(Map.of("loss", 0.5, "acc", 0.8));
        assertThat(v.createdBy()).isEqualTo("ada");
        assertThat(registry.sourceRun(v)).contains(r);
    }

    @Test
    void aVersionOfAnUnknownRunOrModelIsNotFoundAndWritesNothing() {
        registry.createModel(ADA, NewModel.named("resnet"));

        assertThatThrownBy(() -> registry.createVersion(ADA, NewModelVersion.of("resnet", "s3://x", "nope")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> registry.createVersion(ADA, NewModelVersion.of("ghost", "s3://x", null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        assertThat(registry.countVersions(VersionQuery.of("resnet", 1))).isZero();
    }

    @Test
    void rejectsBadInputWithMessagesThatSayWhatToFix() {
        registry.createModel(ADA, NewModel.named("m"));
        registry.createVersion(ADA, NewModelVersion.of("m", "s3://x", null));

        assertThatThrownBy(() -> registry.createModel(ADA, NewModel.named(" ")))
                .hasMessageContaining("model name must not be empty");
        assertThatThrownBy(() -> registry.createModel(ADA, NewModel.named("m"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> registry.createModel(ADA, new NewModel("n", null, Map.of("k", "bad\uD800"), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone surrogate");
        java.util.Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> registry.updateModel(ADA, "m", new ModelPatch(null, nullValue, null)))
                .hasMessageContaining("is null: send a string");
        assertThatThrownBy(() -> registry.getVersion("m", 0)).hasMessageContaining("positive number");
        assertThatThrownBy(() -> registry.setAlias(ADA, "m", "v2", 1)).hasMessageContaining("reserved");
        assertThatThrownBy(() -> registry.setAlias(ADA, "m", "with space", 1)).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> registry.transitionStage(ADA, "m", 1, Stage.ARCHIVED, true))
                .hasMessageContaining("Staging or Production");
        assertThatThrownBy(() -> Stage.parse("live")).hasMessageContaining("None, Staging, Production, Archived");
        assertThatThrownBy(() -> NameFilter.like("abc\\")).hasMessageContaining("escape character");
        assertThatThrownBy(() -> registry.createModel(ADA, new NewModel("d", "x".repeat(5001), null, null)))
                .hasMessageContaining("at most 5000");
    }

    @Test
    void readOnlyModeRefusesEveryWrite() {
        registry.createModel(ADA, NewModel.named("m"));
        registry.createVersion(ADA, NewModelVersion.of("m", "s3://x", null));
        Registry ro = new Registry(new Tracking(store, clock, true, auditor));

        List<Runnable> writes = List.of(() -> ro.createModel(ADA, NewModel.named("x")),
                () -> ro.updateModel(ADA, "m", ModelPatch.description("d")), () -> ro.renameModel(ADA, "m", "n"),
                () -> ro.deleteModel(ADA, "m"), () -> ro.createVersion(ADA, NewModelVersion.of("m", "s", null)),
                () -> ro.updateVersion(ADA, "m", 1, VersionPatch.description("d")),
                () -> ro.transitionStage(ADA, "m", 1, Stage.STAGING, false), () -> ro.deleteVersion(ADA, "m", 1),
                () -> ro.setAlias(ADA, "m", "champion", 1), () -> ro.deleteAlias(ADA, "m", "champion"));
        for (Runnable w : writes) {
            assertThatThrownBy(w::run).isInstanceOf(ReadOnlyException.class).hasMessageContaining("read-only");
        }
        assertThat(ro.getVersion("m", 1).stage()).isEqualTo(Stage.NONE);
    }

    @Test
    void pagesModelsWithTokensBoundToTheQuery() {
        for (int i = 0; i < 5; i++) {
            registry.createModel(ADA, NewModel.named("m" + i));
        }
        ModelQuery q = ModelQuery.all(2);

        Page<RegisteredModel> p1 = registry.listModels(q, null);
        Page<RegisteredModel> p2 = registry.listModels(q, p1.nextCursor());
        Page<RegisteredModel> p3 = registry.listModels(q, p2.nextCursor());

        assertThat(p1.items()).extracting(RegisteredModel::name).containsExactly("m0", "m1");
        assertThat(p2.items()).extracting(RegisteredModel::name).containsExactly("m2", "m3");
        assertThat(p3.items()).extracting(RegisteredModel::name).containsExactly("m4");
        assertThat(p3.nextCursor()).isNull();
        ModelQuery other = new ModelQuery(NameFilter.like("m%"), null, null, false, 2, 0);
        assertThatThrownBy(() -> registry.listModels(other, p1.nextCursor()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> registry.listModels(ModelQuery.all(1001), null)).hasMessageContaining("at most 1000");
    }

    @Test
    void latestVersionsPerStageAndAliasesAsMlflowNeedsThem() {
        registry.createModel(ADA, NewModel.named("m"));
        for (int i = 0; i < 4; i++) {
            registry.createVersion(ADA, NewModelVersion.of("m", "s" + i, null));
        }
        registry.transitionStage(ADA, "m", 1, Stage.PRODUCTION, false);
        registry.transitionStage(ADA, "m", 2, Stage.STAGING, false);
        registry.transitionStage(ADA, "m", 3, Stage.STAGING, false);
        registry.setAlias(ADA, "m", "champion", 1);

        assertThat(registry.latestVersions("m", List.of())).extracting(v -> v.stage() + "/" + v.version())
                .containsExactly("NONE/4", "STAGING/3", "PRODUCTION/1");
        assertThat(registry.latestVersions("m", List.of(Stage.STAGING))).extracting(ModelVersion::version)
                .containsExactly(3);
        assertThat(registry.latestVersion("m", null).version()).isEqualTo(4);
        assertThat(registry.getByAlias("m", "champion").version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.getByAlias("m", "gold")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("champion");
        assertThat(registry.deleteAlias(ADA, "m", "champion")).isTrue();
        assertThat(registry.deleteAlias(ADA, "m", "champion")).isFalse();
    }
}

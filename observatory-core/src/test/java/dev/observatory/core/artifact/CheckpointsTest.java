package dev.observatory.core.artifact;

import static dev.observatory.core.artifact.ArtifactFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.registry.Registry;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.store.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path dir;
    ArtifactFixture f;
    Checkpoints checkpoints;

    @BeforeEach
    void open() {
        f = new ArtifactFixture(dir);
        checkpoints = new Checkpoints(f.tracking);
        f.evalLoss(f.run);
        // checkpoints every 200 steps, growing in size; step 700 is missing (a gap)
        for (long step : new long[] { 200, 400, 600, 800, 1000 }) {
            f.upload(f.run, "checkpoints/step_" + step + ".pt", "x".repeat((int) step / 100));
        }
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void findsTheLatestEarliestLargestAndSmallestCheckpoint() {
        assertThat(best(BestCheckpoint.Criterion.LATEST).step()).isEqualTo(1000L);
        assertThat(best(BestCheckpoint.Criterion.EARLIEST).step()).isEqualTo(200L);
        assertThat(best(BestCheckpoint.Criterion.LARGEST).size()).isEqualTo(10);
        assertThat(best(BestCheckpoint.Criterion.SMALLEST).size()).isEqualTo(2);
    }

    private Artifact best(BestCheckpoint.Criterion c) {
        return checkpoints.best(f.run.id(), c, null, false).checkpoint();
    }

    @Test
    void findsTheBestCheckpointByTheMetricValueAtItsStep() {
        BestCheckpoint min = checkpoints.best(f.run.id(), BestCheckpoint.Criterion.METRIC, "eval/loss", true);
        assertThat(min.checkpoint().step()).isEqualTo(600L);
        assertThat(min.metric().value()).isEqualTo(0.2);
        assertThat(min.metric().exact()).isTrue();
        assertThat(min.considered()).isEqualTo(5);
        BestCheckpoint max = checkpoints.best(f.run.id(), BestCheckpoint.Criterion.METRIC, "eval/loss", false);
        assertThat(max.checkpoint().step()).isEqualTo(200L);
        assertThat(max.metric().value()).isEqualTo(0.7);
        assertThatThrownBy(() -> checkpoints.best(f.run.id(), BestCheckpoint.Criterion.METRIC, "acc", true))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("acc");
        Run empty = f.newRun("empty");
        assertThatThrownBy(() -> checkpoints.best(empty.id(), BestCheckpoint.Criterion.LATEST, null, false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no checkpoints");
    }

    @Test
    void aMetricBetweenLoggedStepsTakesTheLastValueBeforeTheCheckpoint() {
        Artifact odd = f.upload(f.run, "checkpoints/step_650.pt", "x");
        CheckpointMetric m = checkpoints.metricAt(f.run.id(), "eval/loss", List.of(odd)).get(odd.id());
        assertThat(m.step()).isEqualTo(600L);
        assertThat(m.value()).isEqualTo(0.2);
        assertThat(m.exact()).isFalse();
    }

    @Test
    void analysesProgressionCadenceGapsAndMetricTrajectory() {
        f.upload(f.run, "checkpoints/step_1800.pt", "x");

        Progression p = checkpoints.progression(f.run.id(), List.of("eval/loss"), 50);

        assertThat(p.count()).isEqualTo(6);
        assertThat(p.totalBytes()).isEqualTo(2 + 4 + 6 + 8 + 10 + 1);
        assertThat(p.medianStepInterval()).isEqualTo(200L);
        assertThat(p.gaps()).extracting(Artifact::step).containsExactly(1800L);
        assertThat(p.metrics().get("eval/loss")).extracting(CheckpointMetric::value).containsExactly(0.7, 0.4, 0.2, 0.3,
                0.4, 0.4);
        assertThat(checkpoints.progression(f.run.id(), List.of(), 3).checkpoints()).extracting(Artifact::step)
                .containsExactly(200L, 800L, 1800L);
    }

    @Test
    void comparesCheckpointsAcrossRuns() {
        Run other = f.newRun("other");
        f.upload(other, "step_100.pt", "abc");

        List<Checkpoints.RunCheckpoints> c = checkpoints.compare(List.of(f.run.id(), other.id()), "eval/loss", true);

        assertThat(c.get(0).best().checkpoint().step()).isEqualTo(600L);
        assertThat(c.get(0).statistics().count()).isEqualTo(5);
        assertThat(c.get(1).latest().step()).isEqualTo(100L);
        assertThat(c.get(1).best()).isNull();
        assertThat(c.get(1).problem()).contains("eval/loss");
    }

    @Test
    void promotesTheBestCheckpointToAModelVersionWithLineage() {
        Artifact best = checkpoints.best(f.run.id(), BestCheckpoint.Criterion.METRIC, "eval/loss", true).checkpoint();

        ModelVersion v = new Promotion(f.tracking).promote(ACTOR, best.id(), "resnet", null, Map.of(), true);

        assertThat(v.version()).isEqualTo(1);
        assertThat(v.runId()).isEqualTo(f.run.id());
        assertThat(v.source()).endsWith(best.blobKey());
        assertThat(v.metrics()).containsEntry("eval/loss", 0.2);
        assertThat(v.tags()).containsEntry("observatory.artifact_id", best.id());
        assertThat(new Registry(f.tracking).getModel("resnet").name()).isEqualTo("resnet");
        LineageGraph g = new Lineage(f.tracking).graph(EntityRef.of(EntityKind.MODEL_VERSION, v.id()), 2, 100);
        assertThat(g.edges()).extracting(LineageEdge::relation).containsExactly("derived_from", "logged_by");
        assertThat(g.nodes()).extracting(LineageGraph.Node::ref).contains(EntityRef.of(EntityKind.RUN, f.run.id()));
    }

    @Test
    void linksJobsAndAnswersTheSeedQuestionsWithOneGraphRead() {
        Lineage lineage = new Lineage(f.tracking);
        EntityRef job = EntityRef.of(EntityKind.JOB, "sky-17");
        EntityRef run = EntityRef.of(EntityKind.RUN, f.run.id());
        assertThat(lineage.link(ACTOR, job, LineageEdge.PRODUCED, run)).isTrue();
        assertThat(lineage.link(ACTOR, job, LineageEdge.PRODUCED, run)).isFalse();

        LineageGraph fromJob = lineage.graph(job, 2, 100);
        assertThat(fromJob.nodes()).filteredOn(n -> n.ref().kind() == EntityKind.ARTIFACT).hasSize(5)
                .allSatisfy(n -> assertThat(n.depth()).isEqualTo(2));
        assertThatThrownBy(() -> lineage.link(ACTOR, job, "produced", EntityRef.of(EntityKind.RUN, "ghost")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> lineage.link(ACTOR, job, "Produced!", run))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lineage.graph(run, 6, 10)).hasMessageContaining("depth");
        assertThat(lineage.graph(run, 1, 3).truncated()).isTrue();
    }
}

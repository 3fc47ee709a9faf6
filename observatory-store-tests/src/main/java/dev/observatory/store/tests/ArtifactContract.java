package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.ArtifactStore;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Artifacts: records per (run, path), filters, orders, usage. */
abstract class ArtifactContract extends StorageFixture {

    ArtifactStore artifacts;
    Run run;
    Run other;

    @BeforeEach
    void artifacts() {
        artifacts = storage.artifacts();
        project("vision");
        project("nlp");
        run = run("vision", "resnet");
        other = run("nlp", "bert");
    }

    Artifact checkpoint(Run r, long step, long size) {
        return artifacts.put(new NewArtifact(r.id(), r.project(), "checkpoints/step_" + step + ".pt", size, null, null,
                ArtifactKind.CHECKPOINT, step, step / 100, null, "projects/x/" + r.id() + "/" + step));
    }

    @Test
    void recordsAnArtifactWithEveryFieldAndReadsItBackByIdAndPath() {
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> meta = Map.of("tensors", 161, "dtypes", List.of("F16", "F32"), "nested",
                Map.of("params", 25_557_032L, "ratio", 0.5));

        Artifact a = artifacts.put(new NewArtifact(run.id(), run.project(), "ckpt/model.safetensors", 1234,
                "ab".repeat(32), "application/octet-stream", ArtifactKind.CHECKPOINT, 500L, 2L, meta, "k/model"));

        assertThat(a.id()).matches("[0-9a-f]{16}");
        assertThat(a.runId()).isEqualTo(run.id());
        assertThat(a.project()).isEqualTo("vision");
        assertThat(a.path()).isEqualTo("ckpt/model.safetensors");
        assertThat(a.size()).isEqualTo(1234);
        assertThat(a.sha256()).isEqualTo("ab".repeat(32));
        assertThat(a.kind()).isEqualTo(ArtifactKind.CHECKPOINT);
        assertThat(a.step()).isEqualTo(500L);
        assertThat(a.epoch()).isEqualTo(2L);
        assertThat(a.metadata()).containsEntry("tensors", 161).containsEntry("dtypes", List.of("F16", "F32"));
        assertThat(a.metadata().get("nested")).isEqualTo(Map.of("params", 25_557_032, "ratio", 0.5));
        assertThat(a.created()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(a.created().getNano() % 1_000_000).isZero();
        assertThat(a.blobKey()).isEqualTo("k/model");
        assertThat(artifacts.get(a.id())).contains(a);
        assertThat(artifacts.find(run.id(), "ckpt/model.safetensors")).contains(a);
        assertThat(artifacts.find(other.id(), "ckpt/model.safetensors")).isEmpty();
        assertThat(artifacts.get("0000000000000000")).isEmpty();
    }

    @Test
    void nullFieldsStayNull() {
        Artifact a = artifacts.put(new NewArtifact(run.id(), run.project(), "report.html", 5, null, "text/html",
                ArtifactKind.REPORT, null, null, null, "k/r"));
        assertThat(artifacts.get(a.id())).hasValueSatisfying(r -> {
            assertThat(r.sha256()).isNull();
            assertThat(r.step()).isNull();
            assertThat(r.epoch()).isNull();
            assertThat(r.metadata()).isEmpty();
            assertThat(r.contentType()).isEqualTo("text/html");
        });
    }

    @Test
    void puttingAPathAgainReplacesTheRecordAndKeepsItsId() {
        Artifact first = checkpoint(run, 100, 10);
        Artifact second = artifacts.put(new NewArtifact(run.id(), run.project(), first.path(), 99, "cd".repeat(32),
                null, ArtifactKind.CHECKPOINT, 100L, null, Map.of("v", 2), "k/new"));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.size()).isEqualTo(99);
        assertThat(second.blobKey()).isEqualTo("k/new");
        assertThat(second.metadata()).containsEntry("v", 2);
        assertThat(artifacts.count(ArtifactQuery.ofRun(run.id(), 10))).isEqualTo(1);
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertThatThrownBy(() -> artifacts
                .put(new NewArtifact("feedfacecafebeef", "vision", "a", 1, null, null, null, null, null, null, "k")))
                        .isInstanceOf(NotFoundException.class).hasMessageContaining("feedfacecafebeef");
    }

    @Test
    void listsCheckpointsOfARunByStepWithFiltersAndPages() {
        for (long step : new long[] { 300, 100, 500, 200, 400 }) {
            checkpoint(run, step, step * 10);
        }
        checkpoint(other, 100, 1);
        artifacts.put(new NewArtifact(run.id(), run.project(), "replays/ep1.mp4", 7, null, "video/mp4",
                ArtifactKind.REPLAY, null, null, null, "k/replay"));

        assertThat(artifacts.list(ArtifactQuery.checkpoints(run.id(), 10))).extracting(Artifact::step)
                .containsExactly(100L, 200L, 300L, 400L, 500L);
        assertThat(artifacts.list(ArtifactQuery.checkpoints(run.id(), 2).page(2, 2))).extracting(Artifact::step)
                .containsExactly(300L, 400L);
        ArtifactQuery window = new ArtifactQuery(run.id(), null, ArtifactKind.CHECKPOINT, null, 200L, 400L,
                ArtifactQuery.Sort.STEP, true, 10, 0);
        assertThat(artifacts.list(window)).extracting(Artifact::step).containsExactly(400L, 300L, 200L);
        assertThat(artifacts.count(window)).isEqualTo(3);
        assertThat(artifacts.count(ArtifactQuery.checkpoints(run.id(), 1))).isEqualTo(5);
        ArtifactQuery replays = new ArtifactQuery(null, "vision", ArtifactKind.REPLAY, null, null, null, null, false,
                10, 0);
        assertThat(artifacts.list(replays)).extracting(Artifact::path).containsExactly("replays/ep1.mp4");
    }

    @Test
    void ordersByPathSizeAndStepWithArtifactsWithoutStepLast() {
        checkpoint(run, 200, 5);
        checkpoint(run, 100, 50);
        artifacts.put(new NewArtifact(run.id(), run.project(), "a.txt", 20, null, null, ArtifactKind.OTHER, null, null,
                null, "k/a"));

        assertThat(artifacts.list(ArtifactQuery.ofRun(run.id(), 10))).extracting(Artifact::path)
                .containsExactly("a.txt", "checkpoints/step_100.pt", "checkpoints/step_200.pt");
        ArtifactQuery bySize = new ArtifactQuery(run.id(), null, null, null, null, null, ArtifactQuery.Sort.SIZE, true,
                10, 0);
        assertThat(artifacts.list(bySize)).extracting(Artifact::size).containsExactly(50L, 20L, 5L);
        for (boolean desc : new boolean[] { false, true }) {
            ArtifactQuery byStep = new ArtifactQuery(run.id(), null, null, null, null, null, ArtifactQuery.Sort.STEP,
                    desc, 10, 0);
            assertThat(artifacts.list(byStep)).extracting(Artifact::path).last().isEqualTo("a.txt");
        }
        ArtifactQuery prefix = new ArtifactQuery(null, null, null, "checkpoints/step_1", null, null, null, false, 10,
                0);
        assertThat(artifacts.list(prefix)).extracting(Artifact::path).containsExactly("checkpoints/step_100.pt");
    }

    @Test
    void summarizesUsageInTotalAndByProjectRunKindAndDay() {
        checkpoint(run, 100, 10);
        checkpoint(run, 300, 30);
        checkpoint(other, 50, 5);
        artifacts.put(new NewArtifact(run.id(), run.project(), "r.html", 1, null, null, ArtifactKind.REPORT, null, null,
                null, "k/r"));
        ArtifactQuery all = ArtifactQuery.ofRun(null, 1);

        ArtifactUsage total = artifacts.usage(all, ArtifactUsage.GroupBy.NONE).get(0);
        assertThat(total.group()).isNull();
        assertThat(total.count()).isEqualTo(4);
        assertThat(total.bytes()).isEqualTo(46);
        assertThat(total.minStep()).isEqualTo(50L);
        assertThat(total.maxStep()).isEqualTo(300L);
        assertThat(total.minEpoch()).isEqualTo(0L);
        assertThat(total.maxEpoch()).isEqualTo(3L);
        assertThat(total.firstCreated()).isBeforeOrEqualTo(total.lastCreated());
        assertThat(artifacts.usage(all, ArtifactUsage.GroupBy.PROJECT))
                .extracting(ArtifactUsage::group, ArtifactUsage::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nlp", 5L),
                        org.assertj.core.groups.Tuple.tuple("vision", 41L));
        assertThat(artifacts.usage(all, ArtifactUsage.GroupBy.KIND)).extracting(ArtifactUsage::group)
                .containsExactly("checkpoint", "report");
        assertThat(artifacts.usage(ArtifactQuery.ofRun(run.id(), 1), ArtifactUsage.GroupBy.RUN))
                .extracting(ArtifactUsage::group, ArtifactUsage::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(run.id(), 3L));
        List<ArtifactUsage> days = artifacts.usage(all, ArtifactUsage.GroupBy.DAY);
        assertThat(days).hasSize(1);
        assertThat(days.get(0).group()).matches("\\d{4}-\\d{2}-\\d{2}");
        ArtifactUsage none = artifacts.usage(ArtifactQuery.ofRun("nope", 1), ArtifactUsage.GroupBy.NONE).get(0);
        assertThat(none.count()).isZero();
        assertThat(none.bytes()).isZero();
        assertThat(none.minStep()).isNull();
        assertThat(artifacts.usage(ArtifactQuery.ofRun("nope", 1), ArtifactUsage.GroupBy.KIND)).isEmpty();
    }

    @Test
    void deletesARecord() {
        Artifact a = checkpoint(run, 1, 1);
        assertThat(artifacts.delete(a.id())).isTrue();
        assertThat(artifacts.delete(a.id())).isFalse();
        assertThat(artifacts.get(a.id())).isEmpty();
        assertThat(artifacts.find(run.id(), a.path())).isEmpty();
    }

    @Test
    void concurrentPutsOfOneRunAndPathLeaveOneRecordAndTheLastWriterWins() throws Exception {
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Artifact>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                long size = 1000 + i;
                puts.add(pool.submit(() -> {
                    start.await();
                    return artifacts.put(new NewArtifact(run.id(), run.project(), "checkpoints/last.pt", size, null,
                            null, ArtifactKind.CHECKPOINT, size, null, null, "k/last-" + size));
                }));
            }
            start.countDown();
            List<Artifact> done = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Artifact> f : puts) {
                done.add(f.get());
            }
            assertThat(done).extracting(Artifact::id).containsOnly(done.get(0).id());
            ArtifactQuery all = new ArtifactQuery(run.id(), null, null, null, null, null, null, false, 100, 0);
            List<Artifact> stored = artifacts.list(all);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).blobKey()).isEqualTo("k/last-" + stored.get(0).size());
            assertThat(done).extracting(Artifact::size).contains(stored.get(0).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void looksUpManyArtifactsByIdInOneCallSkippingUnknownIds() {
        Artifact a = checkpoint(run, 100, 1);
        Artifact b = checkpoint(other, 200, 2);
        Artifact c = checkpoint(run, 300, 3);

        Map<String, Artifact> found = artifacts.get(List.of(c.id(), "feedfacecafebeef", a.id(), c.id(), b.id()));

        assertThat(found.keySet()).containsExactly(c.id(), a.id(), b.id());
        for (Artifact x : List.of(a, b, c)) {
            assertThat(found.get(x.id())).isEqualTo(artifacts.get(x.id()).orElseThrow());
        }
        assertThat(artifacts.get(List.<String> of())).isEmpty();
    }
}

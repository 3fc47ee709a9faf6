package dev.observatory.core.artifact;

import static dev.observatory.core.artifact.ArtifactFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.model.AuditEvent;
import dev.observatory.model.Page;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.store.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    @TempDir
    Path dir;
    ArtifactFixture f;

    ArtifactFixture f() {
        if (f == null) {
            f = new ArtifactFixture(dir);
        }
        return f;
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void uploadsStreamRecordAndDownloadAnArtifactWithKindAndStepFromItsPath() throws IOException {
        Artifact a = f().upload(f().run, "checkpoints/epoch=3-step=1000.ckpt", "weights");

        assertThat(a.kind()).isEqualTo(ArtifactKind.CHECKPOINT);
        assertThat(a.step()).isEqualTo(1000L);
        assertThat(a.epoch()).isEqualTo(3L);
        assertThat(a.size()).isEqualTo(7);
        assertThat(a.sha256()).isEqualTo(sha256("weights"));
        assertThat(a.blobKey()).isEqualTo("projects/vision/runs/" + f().run.id() + "/artifacts/" + a.path());
        try (InputStream in = f().artifacts.open(a)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("weights");
        }
        try (InputStream in = f().artifacts.openRange(a, 2, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("igh");
        }
        assertThat(f().artifacts.find(f().run.id(), a.path())).isEqualTo(a);
        assertThat(f().store.lineage().edgesOf(List.of(EntityRef.of(EntityKind.RUN, f().run.id())), 10)).singleElement()
                .satisfies(e -> assertThat(e.from()).isEqualTo(EntityRef.of(EntityKind.ARTIFACT, a.id())));
        assertThat(f().store.audit().list(Long.MAX_VALUE, 10)).extracting(AuditEvent::action)
                .contains("artifact.upload");
    }

    @Test
    void recognisesCommonCheckpointLayouts() {
        assertThat(ArtifactPaths.facts("step_000100.pt")).isEqualTo(facts(ArtifactKind.CHECKPOINT, 100L, null));
        assertThat(ArtifactPaths.facts("out/checkpoint-500/model.safetensors"))
                .isEqualTo(facts(ArtifactKind.CHECKPOINT, 500L, null));
        assertThat(ArtifactPaths.facts("global_step1200/mp_rank_00_model_states.pt"))
                .isEqualTo(facts(ArtifactKind.CHECKPOINT, 1200L, null));
        assertThat(ArtifactPaths.facts("llama-7b.Q4_K_M.gguf")).isEqualTo(facts(ArtifactKind.CHECKPOINT, null, null));
        assertThat(ArtifactPaths.facts("videos/replay-ep12.mp4").kind()).isEqualTo(ArtifactKind.REPLAY);
        assertThat(ArtifactPaths.facts("eval/report.html").kind()).isEqualTo(ArtifactKind.REPORT);
        assertThat(ArtifactPaths.facts("config.yaml")).isEqualTo(facts(ArtifactKind.OTHER, null, null));
    }

    private static ArtifactPaths.Facts facts(ArtifactKind kind, Long step, Long epoch) {
        return new ArtifactPaths.Facts(kind, step, epoch);
    }

    @Test
    void refusesPathsThatLeaveTheRunsFolder() {
        for (String bad : List.of("../x", "a/../../b", "/etc/passwd", "a//b", "a\\b", "a\u0000b", "./a", "C:/x", "")) {
            assertThatThrownBy(() -> f().upload(f().run, bad, "x")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(f().artifacts.count(ArtifactQuery.ofRun(f().run.id(), 10))).isZero();
    }

    @Test
    void aHashMismatchIsRejectedAndLeavesNoRecord() {
        Upload u = new Upload(f().run.id(), "model.pt", ArtifactFixture.stream("abc"), 3, sha256("abd"), null, null,
                null, null, null);

        assertThatThrownBy(() -> f().artifacts.upload(ACTOR, u)).isInstanceOf(IllegalArgumentException.class);

        assertThat(f().store.artifacts().find(f().run.id(), "model.pt")).isEmpty();
        assertThat(f().blobs.exists("projects/vision/runs/" + f().run.id() + "/artifacts/model.pt")).isFalse();
        Upload ok = new Upload(f().run.id(), "model.pt", ArtifactFixture.stream("abc"), 3, sha256("abc").toUpperCase(),
                null, null, null, null, null);
        assertThat(f().artifacts.upload(ACTOR, ok).sha256()).isEqualTo(sha256("abc"));
        assertThatThrownBy(() -> f().artifacts.upload(ACTOR, new Upload(f().run.id(), "m.pt",
                ArtifactFixture.stream("abc"), 3, "xyz", null, null, null, null, null)))
                        .hasMessageContaining("64 hexadecimal");
    }

    @Test
    void anUploadInterruptedMidwayLeavesNoRecordAndNoBlob() {
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 5000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> f().artifacts.upload(ACTOR, Upload.of(f().run.id(), "big.pt", broken)))
                .isInstanceOf(RuntimeException.class);
        assertThat(f().store.artifacts().count(ArtifactQuery.ofRun(f().run.id(), 1))).isZero();
        assertThat(f().blobs.exists("projects/vision/runs/" + f().run.id() + "/artifacts/big.pt")).isFalse();
    }

    @Test
    void listsPagesWithCursorsAndUnknownRunsAreNotFound() {
        for (int i = 1; i <= 5; i++) {
            f().upload(f().run, "ckpt/step_" + i + "00.pt", "w" + i);
        }
        Page<Artifact> first = f().artifacts.list(ArtifactQuery.checkpoints(f().run.id(), 2), null);
        assertThat(first.items()).extracting(Artifact::step).containsExactly(100L, 200L);
        Page<Artifact> second = f().artifacts.list(ArtifactQuery.checkpoints(f().run.id(), 2), first.nextCursor());
        assertThat(second.items()).extracting(Artifact::step).containsExactly(300L, 400L);
        assertThatThrownBy(() -> f().artifacts.list(ArtifactQuery.ofRun("nope", 2), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f().artifacts.get("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("list_artifacts");
    }

    @Test
    void signedLinksNameTheObjectAndExpire() {
        Artifact a = f().upload(f().run, "model.pt", "w");
        var link = f().artifacts.link(a, Duration.ofMinutes(5));
        assertThat(link.url().toString()).startsWith("http://obs.test/api/v1/blobs/signed?");
        assertThat(link.expires()).isEqualTo(ArtifactFixture.NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> f().artifacts.link(a, Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyModeRefusesUploadsButServesReads() {
        Artifact a = f().upload(f().run, "model.pt", "w");
        try (ArtifactFixture ro = new ArtifactFixture(dir.resolve("ro"), true)) {
            assertThatThrownBy(() -> ro.upload(ro.run, "x.pt", "w")).isInstanceOf(ReadOnlyException.class);
        }
        assertThat(f().artifacts.get(a.id())).isEqualTo(a);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

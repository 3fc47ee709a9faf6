package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImproveDatasetTest {
    static final Actor ME = new Actor("tester", "test");
    @TempDir
    Path root;
    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:05:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    Datasets datasets(boolean readOnly) {
        return new Datasets(new Tracking(store, clock, readOnly, auditor),
                new DatasetSettings(List.of(root), List.of(root)));
    }

    @Test
    void aDryRunListsEveryChangeAndTouchesNothing() throws Exception {
        Path dir = root.resolve("pets");
        DatasetFixtures.imageDataset(dir);
        Map<String, String> before = snapshot(dir);

        ImprovementPlan plan = datasets(false).improve(ME, "pets", ImproveOptions.all(), false, null);

        assertThat(plan.applied()).isFalse();
        assertThat(plan.runId()).isNull();
        assertThat(plan.changes()).extracting(DatasetChange::action, DatasetChange::path, DatasetChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("quarantine", "f.png",
                                "corrupt: truncated: a chunk runs" + " past the end of the file"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "f.txt", "caption_of_quarantined"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "g.jpg", "corrupt: truncated: no EOI marker"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "j.png",
                                "corrupt: corrupt: not a PNG, JPEG, GIF, WebP or BMP file"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "j.txt", "caption_of_quarantined"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "e.png", "duplicate_of:a.png"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "e.caption", "caption_of_quarantined"),
                        org.assertj.core.groups.Tuple.tuple("write_caption", "d.txt", "missing_caption"),
                        org.assertj.core.groups.Tuple.tuple("quarantine", "c.txt", "empty_caption"),
                        org.assertj.core.groups.Tuple.tuple("write_caption", "c.txt", "empty_caption"));
        assertThat(plan.counts()).containsExactly(entry("quarantine:corrupt", 3L),
                entry("quarantine:caption_of_quarantined", 3L), entry("quarantine:duplicate", 1L),
                entry("write_caption:missing_caption", 1L), entry("quarantine:empty_caption", 1L),
                entry("write_caption:empty_caption", 1L));
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void applyQuarantinesFillsCaptionsAndUndoRestoresEveryByte() throws Exception {
        Path dir = root.resolve("pets");
        DatasetFixtures.imageDataset(dir);
        Map<String, String> before = snapshot(dir);
        ImproveOptions options = new ImproveOptions(true, true, true, true, "photo of {name} in {folder}");

        ImprovementPlan applied = datasets(false).improve(ME, "pets", options, true, null);

        assertThat(applied.applied()).isTrue();
        assertThat(applied.runId()).isEqualTo("20250601T100500Z");
        assertThat(applied.manifest()).isEqualTo(".quarantine/20250601T100500Z/manifest.json");
        assertThat(Files.exists(dir.resolve(".quarantine/20250601T100500Z/f.png"))).isTrue();
        assertThat(Files.exists(dir.resolve("f.png"))).isFalse();
        assertThat(Files.exists(dir.resolve("e.png"))).isFalse();
        assertThat(Files.readString(dir.resolve("d.txt"))).isEqualTo("photo of d in pets\n");
        assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("photo of c in pets\n");
        DatasetDiagnosis after = datasets(false).diagnose("pets", null, null, null);
        assertThat(after.findings()).isEmpty();
        assertThat(after.images().images()).isEqualTo(7);

        List<DatasetChange> undone = datasets(false).undo(ME, "pets", applied.runId());

        assertThat(undone).hasSize(10);
        Map<String, String> restored = snapshot(dir);
        assertThat(restored).isEqualTo(before);
        assertThatThrownBy(() -> datasets(false).undo(ME, "pets", applied.runId()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already undone");
    }

    @Test
    void aSecondApplyGetsItsOwnRunAndNothingIsEverDeleted() throws Exception {
        Path dir = root.resolve("dups");
        byte[] img = DatasetFixtures.image("png", 8, 8, 1);
        DatasetFixtures.write(dir, "a.png", img);
        DatasetFixtures.write(dir, "b.png", img);
        DatasetFixtures.write(dir, "c.png", img);
        ImproveOptions dedupeOnly = new ImproveOptions(false, true, false, false, null);

        ImprovementPlan first = datasets(false).improve(ME, "dups", dedupeOnly, true, null);
        DatasetFixtures.write(dir, "d.png", img);
        ImprovementPlan second = datasets(false).improve(ME, "dups", dedupeOnly, true, null);

        assertThat(first.changes()).extracting(DatasetChange::path).containsExactly("b.png", "c.png");
        assertThat(second.runId()).isEqualTo("20250601T100500Z-2");
        assertThat(second.changes()).extracting(DatasetChange::path).containsExactly("d.png");
        try (var all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(4);
        }
    }

    @Test
    void applyAndUndoAreRefusedInReadOnlyModeButADryRunIsNot() {
        DatasetFixtures.imageDataset(root.resolve("pets"));
        assertThatThrownBy(() -> datasets(true).improve(ME, "pets", ImproveOptions.all(), true, null))
                .isInstanceOf(ReadOnlyException.class);
        assertThat(datasets(true).improve(ME, "pets", ImproveOptions.all(), false, null).changes()).hasSize(10);
        assertThatThrownBy(() -> datasets(true).undo(ME, "pets", "20250601T100500Z"))
                .isInstanceOf(ReadOnlyException.class);
    }

    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith(".quarantine"))
                    .toList()) {
                out.put(dir.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}

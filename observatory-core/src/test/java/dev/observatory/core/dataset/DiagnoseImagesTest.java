package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseImagesTest {
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

    Datasets datasets() {
        return new Datasets(new Tracking(store, clock, false, auditor),
                new DatasetSettings(List.of(root), List.of(root)));
    }

    @Test
    void findsCorruptTruncatedDuplicateAndUncaptionedImagesWithExactCounts() {
        DatasetFixtures.imageDataset(root.resolve("pets"));
        List<long[]> progress = new CopyOnWriteArrayList<>();

        DatasetDiagnosis d = datasets().diagnose("pets", null, null,
                (done, total, m) -> progress.add(new long[] { done, total }));

        assertThat(d.kind()).isEqualTo("image");
        assertThat(d.text()).isNull();
        ImageReport r = d.images();
        assertThat(r.images()).isEqualTo(11);
        assertThat(r.formats()).containsExactly(entry("bmp", 1L), entry("gif", 1L), entry("jpeg", 3L), entry("png", 5L),
                entry("unknown", 1L));
        assertThat(r.corrupt()).extracting(ImageReport.FileProblem::path).containsExactly("f.png", "g.jpg", "j.png");
        assertThat(r.corrupt().get(0).problem()).startsWith("truncated");
        assertThat(r.corrupt().get(1).problem()).isEqualTo("truncated: no EOI marker");
        assertThat(r.corrupt().get(2).problem()).startsWith("corrupt: not a PNG");
        assertThat(r.missingCaptions()).containsExactly("d.jpg", "g.jpg");
        assertThat(r.emptyCaptions()).containsExactly("c.jpg");
        assertThat(r.duplicateGroups()).containsExactly(List.of("a.png", "e.png"));
        assertThat(r.duplicateFiles()).isEqualTo(1);
        assertThat(r.resolutions()).containsExactly(entry("<256", 6L), entry("256-511", 0L), entry("512-767", 1L),
                entry("768-1023", 0L), entry("1024-1535", 1L), entry("1536-2047", 0L), entry(">=2048", 0L));
        assertThat(r.aspectRatios()).containsExactly(entry("<0.6", 1L), entry("0.6-0.9", 0L), entry("0.9-1.1", 2L),
                entry("1.1-1.5", 0L), entry("1.5-2.0", 1L), entry(">=2.0", 4L));
        assertThat(r.topResolutions()).containsExactly(entry("64x32", 2L), entry("10x20", 1L), entry("2048x1024", 1L),
                entry("20x10", 1L), entry("300x200", 1L), entry("32x32", 1L), entry("600x600", 1L));
        assertThat(r.captionChars()).isEqualTo(new LengthStats(8, 3, 16, 7.88, 6, 16));
        assertThat(r.captionWords().max()).isEqualTo(5);
        assertThat(d.findings()).containsExactly(
                "3 corrupt or truncated image(s): quarantine them (auto_improve_dataset)",
                "1 duplicate image(s) repeating another file's bytes",
                "2 image(s) without a caption file (.txt or .caption)", "1 image(s) with an empty caption file");
        assertThat(progress).isNotEmpty();
        assertThat(progress.stream().mapToLong(p -> p[0]).max().orElse(0)).isEqualTo(11);
        assertThat(progress).allMatch(p -> p[1] == 11);
    }

    @Test
    void aWholeDatasetHasNoFindings() {
        Path dir = root.resolve("clean");
        DatasetFixtures.write(dir, "x.png", DatasetFixtures.image("png", 16, 16, 1));
        DatasetFixtures.text(dir, "x.txt", "fine");
        DatasetDiagnosis d = datasets().diagnose(dir.toString(), null, null, null);
        assertThat(d.findings()).isEmpty();
        assertThat(d.images().corrupt()).isEmpty();
    }

    @Test
    void quarantinedFilesInHiddenFoldersAreNotScanned() {
        Path dir = root.resolve("q");
        DatasetFixtures.write(dir, "x.png", DatasetFixtures.image("png", 16, 16, 1));
        DatasetFixtures.text(dir, ".quarantine/bad.png", "junk");
        assertThat(datasets().diagnose(dir.toString(), null, null, null).images().images()).isEqualTo(1);
    }
}

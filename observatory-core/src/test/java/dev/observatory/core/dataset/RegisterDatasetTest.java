package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.dataset.Dataset;
import dev.observatory.store.ConflictException;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterDatasetTest {
    static final Actor ME = new Actor("tester", "test");
    @TempDir
    Path root;
    @TempDir
    Path elsewhere;
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
    void registersAFolderInsideTheRootsWithItsKindAndCounts() {
        DatasetFixtures.imageDataset(root.resolve("pets"));
        Dataset d = datasets().register(ME, "pets", "pets", "my pets");
        assertThat(d.kind()).isEqualTo("image");
        assertThat(d.source()).isEqualTo("directory");
        assertThat(d.path()).isEqualTo(root.resolve("pets").toString());
        assertThat(d.metadata()).containsEntry("files", 20).containsEntry("images", 11).containsEntry("text_files", 0);
        assertThat(datasets().list(10, 0)).extracting(Dataset::name).containsExactly("pets");
        assertThatThrownBy(() -> datasets().register(ME, "pets", "pets", null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void pathsOutsideTheRootsAreRefusedHoweverTheyAreWritten() throws Exception {
        Files.createDirectories(elsewhere.resolve("secret"));
        Files.createDirectories(root.resolve("inside"));
        Files.createSymbolicLink(root.resolve("link"), elsewhere.resolve("secret"));

        for (String path : List.of(elsewhere.resolve("secret").toString(), "../" + elsewhere.getFileName() + "/secret",
                "inside/../../" + elsewhere.getFileName(), "link")) {
            assertThatThrownBy(() -> datasets().register(ME, "x", path, null)).as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the configured" + " dataset_roots");
            assertThatThrownBy(() -> datasets().diagnose(path, null, null, null)).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataset_roots");
        }
        assertThatThrownBy(() -> datasets().register(ME, "x", "missing", null)).hasMessageContaining("does not exist");
        assertThat(datasets().count()).isZero();
    }

    @Test
    void registersAZipAndATarGzArchiveByExtractingThemIntoTheFirstRoot() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("imgs/a.png"));
            z.write(DatasetFixtures.image("png", 8, 8, 1));
            z.putNextEntry(new ZipEntry("imgs/a.txt"));
            z.write("cat".getBytes(StandardCharsets.UTF_8));
        }
        DatasetFixtures.write(root, "uploads/pets.zip", zip.toByteArray());
        Dataset d = datasets().registerArchive(ME, "zipped", "uploads/pets.zip", null);
        assertThat(d.source()).isEqualTo("archive");
        assertThat(Files.readString(root.resolve("zipped/imgs/a.txt"))).isEqualTo("cat");
        assertThat(d.metadata()).containsEntry("images", 1);

        DatasetFixtures.write(root, "uploads/rows.tar.gz", tarGz("data/rows.jsonl", "{\"text\": \"hi\"}\n"));
        Dataset t = datasets().registerArchive(ME, "rows", "uploads/rows.tar.gz", null);
        assertThat(t.kind()).isEqualTo("text");
        assertThat(Files.readString(root.resolve("rows/data/rows.jsonl"))).isEqualTo("{\"text\": \"hi\"}\n");
    }

    @Test
    void anArchiveEntryThatEscapesItsFolderIsRefused() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("../../evil.txt"));
            z.write(1);
        }
        DatasetFixtures.write(root, "evil.zip", zip.toByteArray());
        assertThatThrownBy(() -> datasets().registerArchive(ME, "evil", "evil.zip", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points outside its folder");
        assertThat(Files.exists(root.getParent().resolve("evil.txt"))).isFalse();
    }

    @Test
    void registeringIsRefusedInReadOnlyMode() {
        Datasets readOnly = new Datasets(new Tracking(store, clock, true, auditor),
                new DatasetSettings(List.of(root), List.of(root)));
        assertThatThrownBy(() -> readOnly.register(ME, "x", ".", null)).isInstanceOf(ReadOnlyException.class);
    }

    /** A tar.gz with one file, written per the ustar layout (512-byte header, octal size, zero padding). */
    static byte[] tarGz(String name, String content) throws Exception {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, header, 0, name.length());
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = '0';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(header);
            gz.write(data);
            gz.write(new byte[512 - data.length % 512]);
            gz.write(new byte[1024]);
        }
        return out.toByteArray();
    }
}

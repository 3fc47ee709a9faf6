package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric journal's prepared space (decision 0039) on real files: zeros go after the records, never over them; an
 * applied segment becomes the next segment's file; outside fsync mode segments stay plain files.
 */
class DuckDbJournalSpaceTest {

    @TempDir
    Path dir;

    final Object lock = new Object();

    @Test
    void zerosArePreparedAfterTheRecordsUpToTheSegmentSize() throws IOException {
        DuckDbJournalSpace space = new DuckDbJournalSpace(lock, dir, true, 1 << 20);
        Path file = dir.resolve("metrics-1.journal");
        synchronized (lock) {
            FileChannel ch = space.create(file);
            ch.write(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4, 5 }));
            space.written(5);
        }
        space.close(); // waits for the zeros
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(1 << 20);
        assertThat(bytes).startsWith(1, 2, 3, 4, 5);
        assertThat(bytes[5]).isZero();
        assertThat(bytes[(1 << 20) - 1]).isZero();
    }

    @Test
    void anAppliedSegmentBecomesTheNextSegmentsFileWithItsSpacePrepared() throws IOException {
        DuckDbJournalSpace space = new DuckDbJournalSpace(lock, dir, true, 1 << 20);
        Path old = dir.resolve("metrics-1.journal");
        Files.write(old, new byte[1 << 20]);
        Path small = dir.resolve("metrics-2.journal");
        Files.write(small, new byte[10]);
        synchronized (lock) {
            space.retire(old);
            space.retire(small);
            assertThat(Files.exists(old)).isFalse();
            assertThat(Files.exists(small)).as("a second (and a small) segment is deleted").isFalse();
            assertThat(dir.resolve(DuckDbJournalSpace.SPARE)).exists();
            space.create(dir.resolve("metrics-3.journal")).close();
            assertThat(space.prepared()).isEqualTo(1 << 20);
        }
        assertThat(dir.resolve(DuckDbJournalSpace.SPARE)).doesNotExist();
        assertThat(Files.size(dir.resolve("metrics-3.journal"))).isEqualTo(1 << 20);
        space.close();
    }

    @Test
    void withoutFsyncSegmentsArePlainFilesAndAppliedOnesAreDeleted() throws IOException {
        DuckDbJournalSpace space = new DuckDbJournalSpace(lock, dir, false, 1 << 20);
        Path old = dir.resolve("metrics-1.journal");
        Files.write(old, new byte[1 << 20]);
        synchronized (lock) {
            space.retire(old);
            FileChannel ch = space.create(dir.resolve("metrics-2.journal"));
            ch.write(ByteBuffer.wrap(new byte[] { 1 }));
            space.written(1);
            ch.close();
        }
        space.close();
        assertThat(Files.exists(old)).isFalse();
        assertThat(dir.resolve(DuckDbJournalSpace.SPARE)).doesNotExist();
        assertThat(Files.size(dir.resolve("metrics-2.journal"))).isEqualTo(1);
    }
}

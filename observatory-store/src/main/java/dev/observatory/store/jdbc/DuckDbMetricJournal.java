package dev.observatory.store.jdbc;

import dev.observatory.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric write-ahead journal of the DuckDB store (decision 0018): a metric batch is acknowledged once its record is
 * in this append-only file (and, with {@code fsync}, on disk), and the writer thread applies records to DuckDB later in
 * larger groups. Records carry increasing sequence numbers; DuckDB records the last applied one in the same transaction
 * as the points, so a restart replays exactly the records after it. Segments roll over at {@link #SEGMENT_BYTES} and
 * are deleted once every record in them is applied (in fsync mode one is kept as the next segment's file, and zeros are
 * written ahead of the records: {@link DuckDbJournalSpace}). The records of a segment have consecutive sequences from
 * the one in its name; reading stops at zeros or at a record out of that order (a reused file's old contents).
 * <p>
 * Record: magic (4 bytes), payload length (4), sequence (8), payload, CRC32C of sequence and payload (4). A record cut
 * short by a crash of the machine is dropped at the next open (it was never acknowledged when the journal syncs).
 */
final class DuckDbMetricJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbMetricJournal.class);
    static final long SEGMENT_BYTES = 64L << 20;
    private static final int MAGIC = 0x4F424A31;
    private static final int HEADER = 16;
    private static final String PREFIX = "metrics-";
    private static final String SUFFIX = ".journal";

    /** A record read back at open. */
    record Entry(long seq, ByteBuffer payload) {
    }

    private final Path dir;
    private final boolean fsync;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    /** First sequence of each segment file, guarded by appendLock; the last one is being written. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    private long currentBytes;
    private long lastSeq;
    private volatile long written;
    private volatile long synced;
    private volatile boolean broken;
    private final DuckDbJournalSpace space;

    private DuckDbMetricJournal(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
        this.space = new DuckDbJournalSpace(appendLock, dir, fsync, SEGMENT_BYTES);
    }

    /**
     * Opens the journal in {@code dir} (created when absent) and hands every intact record after {@code appliedSeq} to
     * {@code replay}, in order. New records go to a fresh segment.
     */
    static DuckDbMetricJournal open(Path dir, boolean fsync, long appliedSeq,
            java.util.function.Consumer<Entry> replay) {
        DuckDbMetricJournal j = new DuckDbMetricJournal(dir, fsync);
        try {
            Files.createDirectories(dir);
            j.lastSeq = appliedSeq;
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                long first = firstSeqOf(files.get(i));
                j.segments.put(first, files.get(i));
                j.lastSeq = Math.max(j.lastSeq, j.read(files.get(i), appliedSeq, i == files.size() - 1, replay));
            }
            j.written = j.lastSeq;
            j.synced = j.lastSeq;
            j.roll();
            return j;
        } catch (IOException e) {
            throw new StoreException("cannot open the metric journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads one segment; returns the highest sequence found in it (0 when none). */
    private long read(Path file, long appliedSeq, boolean last, java.util.function.Consumer<Entry> replay)
            throws IOException {
        long highest = 0;
        long expected = firstSeqOf(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            while (map.remaining() > 0) {
                int start = map.position();
                if (map.remaining() < 4 || map.getInt(start) == 0) {
                    break; // the zeros prepared ahead of the records (fsync mode): the clean end of the segment
                }
                Entry e = next(map);
                if (e != null && e.seq() != expected) {
                    break; // a record from the file's previous use as a segment (recycled): the clean end as well
                }
                if (e == null) {
                    if (last) {
                        LOG.warn("metric journal {}: dropping what follows byte {} (a record cut short by a crash, or"
                                + " the old contents of a reused segment)", file.getFileName(), start);
                        ch.truncate(start);
                    } else {
                        LOG.warn(
                                "metric journal {}: no intact record at byte {} (damage, or the old contents of a"
                                        + " reused segment): the rest of this segment is skipped",
                                file.getFileName(), start);
                    }
                    break;
                }
                expected++;
                highest = Math.max(highest, e.seq());
                if (e.seq() > appliedSeq) {
                    replay.accept(e);
                }
            }
        }
        return highest;
    }

    /** The record at the buffer's position (position moved past it), or null when it is cut short or corrupt. */
    private static Entry next(ByteBuffer map) {
        if (map.remaining() < HEADER + 4 || map.getInt() != MAGIC) {
            return null;
        }
        int length = map.getInt();
        long seq = map.getLong();
        if (length < 0 || map.remaining() < length + 4) {
            return null;
        }
        ByteBuffer payload = map.slice(map.position(), length);
        map.position(map.position() + length);
        int crc = map.getInt();
        return crc == crc(seq, payload.duplicate()) ? new Entry(seq, payload) : null;
    }

    private static int crc(long seq, ByteBuffer payload) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(0, seq));
        c.update(payload);
        return (int) c.getValue();
    }

    /**
     * Appends a record and, still in order with other appends, hands its sequence to {@code enqueue} (the writer's
     * queue must see records in sequence order). Does not sync: call {@link #sync} before acknowledging.
     */
    long append(ByteBuffer payload, LongConsumer enqueue) {
        if (broken) {
            throw new StoreException("the metric journal in " + dir + " failed earlier; restart the server", null);
        }
        synchronized (appendLock) {
            awaitWritable(HEADER + payload.remaining() + 4L);
            long seq = lastSeq + 1;
            ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(payload.remaining()).putLong(seq)
                    .flip();
            ByteBuffer tail = ByteBuffer.allocate(4).putInt(0, crc(seq, payload.duplicate()));
            long start = currentBytes;
            try {
                ByteBuffer[] parts = { header, payload.duplicate(), tail };
                long total = HEADER + payload.remaining() + 4L;
                long done = 0;
                while (done < total) {
                    done += current.write(parts);
                }
                currentBytes += total;
                space.written(currentBytes);
            } catch (IOException e) {
                undo(start);
                throw new StoreException("cannot write the metric journal in " + dir + ": " + e.getMessage(), e);
            }
            lastSeq = seq;
            written = seq;
            enqueue.accept(seq);
            if (currentBytes >= SEGMENT_BYTES) {
                rollQuietly();
            }
            return seq;
        }
    }

    /** Waits while zeros are being written where the next record goes (the space worker fell behind). */
    private void awaitWritable(long total) {
        try {
            space.awaitWritable(currentBytes, currentBytes + total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while appending to the metric journal", e);
        }
    }

    private void undo(long start) {
        try {
            current.truncate(start);
            current.position(start);
            space.truncated(start);
        } catch (IOException e) {
            broken = true;
            LOG.error("the metric journal could not be repaired after a failed write: {}", e.getMessage());
        }
    }

    /** Returns once the record {@code seq} is on disk (fsync mode; concurrent callers share one fsync). */
    void sync(long seq) {
        if (!fsync || synced >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= seq) {
                return;
            }
            long target = written;
            FileChannel ch;
            synchronized (appendLock) {
                ch = current;
            }
            try {
                ch.force(false);
            } catch (IOException e) {
                throw new StoreException("cannot sync the metric journal in " + dir + ": " + e.getMessage(), e);
            }
            synced = Math.max(synced, target);
        }
    }

    /** Deletes the finished segments whose every record is applied (sequence <= appliedSeq). */
    void release(long appliedSeq) {
        synchronized (appendLock) {
            while (segments.size() > 1) {
                Map.Entry<Long, Path> oldest = segments.firstEntry();
                Long next = segments.higherKey(oldest.getKey());
                if (next == null || next - 1 > appliedSeq) {
                    return;
                }
                space.retire(oldest.getValue());
                segments.pollFirstEntry();
            }
        }
    }

    long lastSeq() {
        synchronized (appendLock) {
            return lastSeq;
        }
    }

    /** Starts a new segment (the previous one synced and closed). */
    private void roll() throws IOException {
        if (current != null) {
            current.force(false);
            current.close();
            synced = Math.max(synced, written);
        }
        long first = lastSeq + 1;
        Path file = dir.resolve(String.format("%s%020d%s", PREFIX, first, SUFFIX));
        current = space.create(file);
        currentBytes = 0;
        segments.put(first, file);
        if (fsync) {
            forceDirectory();
        }
    }

    private void rollQuietly() {
        try {
            roll();
        } catch (IOException e) {
            broken = true;
            LOG.error("cannot start a new metric journal segment in {}: {}", dir, e.getMessage());
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("syncing the journal directory: {}", e.getMessage());
        }
    }

    private static long firstSeqOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (RuntimeException e) {
            throw new StoreException("unexpected file in the metric journal: " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete applied journal segment {}: {}", file, e.getMessage());
        }
    }

    /**
     * Closes the journal. With {@code allApplied} (every record is in DuckDB and checkpointed) the segments are
     * deleted, so that a clean shutdown leaves no journal behind.
     */
    void close(boolean allApplied) {
        space.close();
        synchronized (appendLock) {
            try {
                current.force(false);
                current.close();
            } catch (IOException e) {
                LOG.warn("closing the metric journal: {}", e.getMessage());
            }
            if (allApplied) {
                segments.values().forEach(DuckDbMetricJournal::delete);
                segments.clear();
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }
}

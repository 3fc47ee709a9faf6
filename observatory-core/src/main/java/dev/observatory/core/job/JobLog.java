package dev.observatory.core.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A job's bounded log: lines go to {@code <file>}; when it passes {@code maxBytes} it becomes {@code <file>.1} (the
 * older ones shift to .2, ...) and at most {@code files} rotated files are kept, so a job never holds more than
 * {@code maxBytes * (files + 1)} bytes. Written by one thread; read (tail) by any.
 */
public final class JobLog implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int files;
    private OutputStream out;
    private long written;

    public JobLog(Path file, long maxBytes, int files) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        try {
            Files.createDirectories(file.getParent());
            this.written = Files.exists(file) ? Files.size(file) : 0;
            this.out = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open job log " + file, e);
        }
    }

    private OutputStream open() throws IOException {
        return new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
    }

    public Path file() {
        return file;
    }

    /** Appends one line (without its newline). */
    public void append(String line) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        append(b, 0, b.length);
    }

    /** Appends one line given as UTF-8 bytes {@code b[from, to)} (without its newline), copied as they are. */
    public synchronized void append(byte[] b, int from, int to) throws IOException {
        int len = to - from;
        if (written + len + 1 > maxBytes && written > 0) {
            rotate();
        }
        out.write(b, from, len);
        out.write('\n');
        written += len + 1;
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(file, files));
        for (int i = files - 1; i >= 1; i--) {
            Path from = rotated(file, i);
            if (Files.exists(from)) {
                Files.move(from, rotated(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (files > 0) {
            Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        written = 0;
        out = open();
    }

    static Path rotated(Path file, int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last {@code n} lines matching the filter, oldest first, across the current and rotated files, read backwards
     * from the end: a huge log costs no more than the bytes needed for the page plus a bounded count. Once the page is
     * full, matches are counted on only until {@link #COUNT_SCAN_BYTES} have been read; no more than
     * {@link #MAX_SCAN_BYTES} are ever read. When a bound stops the scan, {@code matched} is a lower bound and
     * {@code exact} false.
     */
    public static Tail tail(Path file, int n, Predicate<String> filter) {
        return tail(file, n, filter, COUNT_SCAN_BYTES, MAX_SCAN_BYTES);
    }

    /** Bytes read before the count stops once the page is full. */
    public static final long COUNT_SCAN_BYTES = 16L << 20;
    /** Bytes read at most by one tail, page or not. */
    public static final long MAX_SCAN_BYTES = 128L << 20;

    static Tail tail(Path file, int n, Predicate<String> filter, long countScanBytes, long maxScanBytes) {
        Deque<String> kept = new ArrayDeque<>(Math.min(n, 1024));
        long matched = 0;
        List<Path> newestFirst = new ArrayList<>();
        newestFirst.add(file);
        for (int i = 1; i <= 64; i++) {
            Path r = rotated(file, i);
            if (Files.exists(r)) {
                newestFirst.add(r);
            }
        }
        try (ReverseLines lines = new ReverseLines(newestFirst)) {
            String line;
            while ((line = lines.next()) != null) {
                if (filter.test(line)) {
                    matched++;
                    if (kept.size() < n) {
                        kept.addFirst(line);
                    }
                }
                long read = lines.consumed();
                if (read >= maxScanBytes || kept.size() == n && read >= countScanBytes) {
                    boolean more = lines.next() != null;
                    return new Tail(List.copyOf(kept), matched, !more, lines.bytesRead());
                }
            }
            return new Tail(List.copyOf(kept), matched, true, lines.bytesRead());
        }
    }

    /**
     * Lines kept and how many matched.
     *
     * @param matched
     *            matching lines in the whole log when {@code exact}, else a lower bound (the scan stopped early)
     * @param scannedBytes
     *            bytes of the log read to answer
     */
    public record Tail(List<String> lines, long matched, boolean exact, long scannedBytes) {

        /** An exact answer. */
        public Tail(List<String> lines, long matched) {
            this(lines, matched, true, 0);
        }
    }
}

package dev.observatory.core.job;

import java.io.BufferedWriter;
import java.io.IOException;
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
import java.util.stream.Stream;

/**
 * A job's bounded log: lines go to {@code <file>}; when it passes {@code maxBytes} it becomes {@code <file>.1} (the
 * older ones shift to .2, ...) and at most {@code files} rotated files are kept, so a job never holds more than
 * {@code maxBytes * (files + 1)} bytes. Written by one thread; read (tail) by any.
 */
public final class JobLog implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int files;
    private BufferedWriter out;
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

    private BufferedWriter open() throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    /** Appends one line (without its newline). */
    public synchronized void append(String line) throws IOException {
        if (written + line.length() + 1 > maxBytes && written > 0) {
            rotate();
        }
        out.write(line);
        out.write('\n');
        written += line.length() + 1;
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

    /** The last {@code n} lines matching the filter, oldest first, across the current and rotated files. */
    public static Tail tail(Path file, int n, Predicate<String> filter) {
        Deque<String> kept = new ArrayDeque<>(n);
        long matched = 0;
        List<Path> order = new ArrayList<>();
        for (int i = 64; i >= 1; i--) {
            Path r = rotated(file, i);
            if (Files.exists(r)) {
                order.add(r);
            }
        }
        order.add(file);
        for (Path p : order) {
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (filter.test(line)) {
                        matched++;
                        if (kept.size() == n) {
                            kept.removeFirst();
                        }
                        kept.addLast(line);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new UncheckedIOException("cannot read job log " + p,
                        e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
            }
        }
        return new Tail(List.copyOf(kept), matched);
    }

    /** Lines kept and how many matched in all. */
    public record Tail(List<String> lines, long matched) {
    }
}

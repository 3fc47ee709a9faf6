package dev.observatory.core.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The lines of a sequence of files read backwards: the last line of the first file first, then on to the start of the
 * last file. Reads 1 MiB blocks from the end, so the newest lines of a huge log cost as little as those of a small one.
 * UTF-8 text with '\n' line ends (a '\r' before it is dropped). A file that vanishes (rotated away) is skipped.
 */
final class ReverseLines implements AutoCloseable {
    static final int BLOCK = 1 << 20;

    private final Deque<Path> files;
    private FileChannel channel;
    private Path current;
    /** Bytes of the current file before {@code buf} that are not read yet. */
    private long pos;
    private byte[] buf = new byte[0];
    /** buf[0, end) holds the bytes read but not yet returned as lines. */
    private int end;
    private long bytesRead;

    /**
     * @param newestFirst
     *            the files in the order their lines are wanted (each read from its end)
     */
    ReverseLines(List<Path> newestFirst) {
        this.files = new ArrayDeque<>(newestFirst);
    }

    /** The previous line, or null when the start of the last file is reached. */
    String next() {
        try {
            while (true) {
                if (channel == null && !openNext()) {
                    return null;
                }
                for (int i = end - 1; i >= 0; i--) {
                    if (buf[i] == '\n') {
                        String line = decode(i + 1, end);
                        end = i;
                        return line;
                    }
                }
                if (pos > 0) {
                    readBlock();
                    continue;
                }
                channel.close();
                channel = null;
                String first = decode(0, end); // the file's first line (possibly empty)
                end = 0;
                return first;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job log " + current, e);
        }
    }

    /** Bytes of the lines returned so far (with their line ends). */
    long consumed() {
        return bytesRead - end;
    }

    /** Bytes read from the files so far. */
    long bytesRead() {
        return bytesRead;
    }

    private String decode(int from, int to) {
        int t = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        return new String(buf, from, t - from, StandardCharsets.UTF_8);
    }

    private boolean openNext() throws IOException {
        while (!files.isEmpty()) {
            Path p = files.pollFirst();
            try {
                channel = FileChannel.open(p, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue;
            }
            current = p;
            pos = channel.size();
            end = 0;
            if (pos == 0) {
                channel.close();
                channel = null;
                continue;
            }
            readBlock();
            if (buf[end - 1] == '\n') {
                end--; // the file's final line end starts no further line
            }
            return true;
        }
        return false;
    }

    /** Prepends the block before {@code pos} to the unread bytes. */
    private void readBlock() throws IOException {
        int n = (int) Math.min(BLOCK, pos);
        byte[] next = new byte[n + end];
        ByteBuffer bb = ByteBuffer.wrap(next, 0, n);
        long at = pos - n;
        while (bb.hasRemaining()) {
            int r = channel.read(bb, at + bb.position());
            if (r < 0) {
                throw new IOException("job log " + current + " shrank while it was read");
            }
        }
        System.arraycopy(buf, 0, next, n, end);
        buf = next;
        end = n + end;
        pos = at;
        bytesRead += n;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only channel: nothing was lost
            }
            channel = null;
        }
    }
}

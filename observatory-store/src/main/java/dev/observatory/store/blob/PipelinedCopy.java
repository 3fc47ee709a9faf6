package dev.observatory.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a stream into a file channel while SHA-256 runs on a second thread, so that hashing and writing overlap: the
 * calling thread reads a buffer and writes it, then hands it to the hashing thread, which gives it back once hashed.
 * {@value #BUFFERS} reusable buffers of {@value #BUFFER_BYTES} bytes circulate between the two (memory is constant with
 * the size of the content). Content that fits in the first buffer is hashed on the calling thread (no thread started).
 * When reading or writing fails, or the calling thread is interrupted, the hashing thread is told to stop and the error
 * is thrown; the caller deletes the partial file.
 */
final class PipelinedCopy {
    /** Bytes per buffer. */
    static final int BUFFER_BYTES = 256 << 10;
    /**
     * Buffers per copy: one being read and written, the others being hashed or waiting (2 MiB in all; 256 KiB x 8 was
     * as fast as 1 MiB x 4 in the session-7 measurements, with half the memory per upload).
     */
    static final int BUFFERS = 8;
    private static final Chunk END = new Chunk(null, 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final MessageDigest digest;
    private volatile boolean aborted;
    private volatile Throwable hashFailure;

    private PipelinedCopy(MessageDigest digest) {
        this.digest = digest;
    }

    /**
     * Copies {@code in} into {@code out} and updates {@code digest} with every byte; returns the bytes copied. The
     * digest is complete when this returns normally.
     */
    static long copy(InputStream in, FileChannel out, MessageDigest digest, String key) throws IOException {
        byte[] first = new byte[BUFFER_BYTES];
        int n = read(in, first, key, 0);
        if (n < first.length) {
            digest.update(first, 0, Math.max(n, 0));
            write(out, first, Math.max(n, 0));
            return Math.max(n, 0);
        }
        return new PipelinedCopy(digest).run(in, out, first, key);
    }

    private long run(InputStream in, FileChannel out, byte[] first, String key) throws IOException {
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_BYTES]);
        }
        Thread hasher = Thread.ofPlatform().daemon().name("blob-sha256").start(this::hashLoop);
        boolean done = false;
        try {
            long total = 0;
            byte[] buf = first;
            int n = first.length;
            while (n > 0) {
                write(out, buf, n);
                total += n;
                hand(new Chunk(buf, n));
                buf = take(key);
                n = read(in, buf, key, total);
            }
            hand(END);
            hasher.join();
            done = true;
            if (hashFailure != null) {
                throw new IOException("hashing '" + key + "' failed: " + hashFailure, hashFailure);
            }
            return total;
        } catch (InterruptedException | ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload of '" + key + "' was interrupted");
        } finally {
            if (!done) {
                aborted = true;
                hasher.interrupt();
            }
        }
    }

    private void hashLoop() {
        try {
            while (!aborted) {
                Chunk c = toHash.take();
                if (c == END) {
                    return;
                }
                digest.update(c.bytes(), 0, c.length());
                free.put(c.bytes());
            }
        } catch (InterruptedException e) {
            // aborted by the copying thread
        } catch (RuntimeException | Error e) {
            hashFailure = e;
            aborted = true;
            free.offer(new byte[0]); // wakes the copying thread, which then sees the failure
        }
    }

    private void hand(Chunk c) throws InterruptedException {
        toHash.put(c);
    }

    private byte[] take(String key) throws InterruptedException, IOException {
        byte[] b = free.take();
        if (hashFailure != null) {
            throw new IOException("hashing '" + key + "' failed: " + hashFailure, hashFailure);
        }
        return b;
    }

    /** Fills {@code buf} as far as the stream goes; the bytes read (less than the buffer only at the end). */
    private static int read(InputStream in, byte[] buf, String key, long before) throws IOException {
        try {
            return in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            throw new IOException("upload of '" + key + "' broke off after " + before + " bytes: " + e, e);
        }
    }

    private static void write(FileChannel out, byte[] buf, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
            out.write(bb);
        }
    }
}

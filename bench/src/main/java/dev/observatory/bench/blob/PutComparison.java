package dev.observatory.bench.blob;

import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Filesystem put, old path against new, interleaved in one JVM: per round (1) {@code Files.copy} of the stream then an
 * fsync (the disk-speed baseline), (2) the session-6 put (SHA-256 and write on one thread, 1 MiB buffer, fsync, atomic
 * rename; reproduced here as it was), (3) {@code FileBlobStore.put} (SHA-256 on a second thread). Prints one RESULT
 * line per step with MB/s, the ratio to the baseline of the same round and the sampled heap peak.
 */
final class PutComparison {
    private static final long MB = 1 << 20;

    private PutComparison() {
    }

    static void run(Path work, long size, int rounds) throws Exception {
        try (BlobStore store = FileBlobStore.open(work.resolve("cmp-blobs"), () -> "http://127.0.0.1",
                Clock.systemUTC())) {
            for (int round = 1; round <= rounds; round++) {
                Path baseline = work.resolve("cmp-baseline.bin");
                BlobBench.HeapPeak heap = BlobBench.HeapPeak.start();
                long t0 = System.nanoTime();
                Files.copy(BlobBench.generated(size), baseline, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel ch = FileChannel.open(baseline, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                double base = BlobBench.secs(t0);
                line("files_copy_fsync", round, size, base, base, heap.stop());
                Files.delete(baseline);

                heap = BlobBench.HeapPeak.start();
                t0 = System.nanoTime();
                oldPut(work, BlobBench.generated(size));
                line("put_old_one_thread", round, size, BlobBench.secs(t0), base, heap.stop());

                heap = BlobBench.HeapPeak.start();
                t0 = System.nanoTime();
                BlobInfo info = store.put("cmp/model.safetensors", BlobBench.generated(size), size, null, null);
                line("put_new_pipelined", round, info.size(), BlobBench.secs(t0), base, heap.stop());
                store.delete("cmp/model.safetensors");
            }
        }
    }

    private static void line(String what, int round, long bytes, double seconds, double baseline, long heapPeak) {
        System.out.printf(
                "RESULT %s round=%d bytes=%d seconds=%.2f mb_per_s=%.0f ratio_to_files_copy_fsync=%.2f"
                        + " heap_peak_mb=%.1f max_heap_mb=%d%n",
                what, round, bytes, seconds, bytes / (double) MB / seconds, baseline / seconds, heapPeak / (double) MB,
                Runtime.getRuntime().maxMemory() / MB);
    }

    /** The filesystem put as it was before session 7: hash and write on the calling thread. */
    private static String oldPut(Path work, InputStream in) throws Exception {
        Path tmp = Files.createTempFile(work, "put-", ".part");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buf)) >= 0;) {
                digest.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
            out.force(true);
        }
        Path target = work.resolve("old-put.bin");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteQuietly(target);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp directory removed at the end
        }
    }
}

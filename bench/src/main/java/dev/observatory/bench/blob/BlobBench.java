package dev.observatory.bench.blob;

import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import dev.observatory.store.blob.BlobSettings;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.BlobStores;
import dev.observatory.store.blob.FileBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The blob store bars of issue 4. (1) Filesystem put and get of a generated stream (default 2 GiB) through
 * FileBlobStore, with the peak heap sampled during each phase, next to a plain Files.copy of the same stream as the
 * disk-speed baseline. (2) Listing N objects (default 100,000) under a prefix through S3BlobStore against an in-process
 * S3Proxy, page by page. Prints one RESULT line per measurement. Run it with bench/run-blob.sh.
 */
public final class BlobBench {
    private static final PrintStream OUT = System.out;
    private static final long MB = 1 << 20;

    private BlobBench() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = Long.parseLong(arg(args, "--size-mb", "2048"));
        int objects = Integer.parseInt(arg(args, "--objects", "100000"));
        String backend = arg(args, "--s3-backend", "transient-nio2");
        int putRounds = Integer.parseInt(arg(args, "--put-rounds", "2"));
        Path dir = Path.of(arg(args, "--dir", System.getProperty("java.io.tmpdir")));
        Path work = Files.createTempDirectory(dir, "blob-bench-");
        try {
            if (sizeMb > 0) {
                if (!"true".equals(arg(args, "--compare-only", "false"))) {
                    filesystem(work, sizeMb * MB);
                }
                PutComparison.run(work, sizeMb * MB, putRounds);
            }
            if (objects > 0) {
                s3Listing(objects, backend, work);
            }
        } finally {
            deleteTree(work);
        }
    }

    static void filesystem(Path work, long size) throws Exception {
        Path baseline = work.resolve("baseline.bin");
        HeapPeak heap = HeapPeak.start();
        long t0 = System.nanoTime();
        Files.copy(generated(size), baseline, StandardCopyOption.REPLACE_EXISTING);
        report("baseline_files_copy_write", size, t0, heap.stop());
        heap = HeapPeak.start();
        t0 = System.nanoTime();
        try (var ch = java.nio.channels.FileChannel.open(baseline, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        report("baseline_fsync_after_copy", size, t0, heap.stop());
        heap = HeapPeak.start();
        t0 = System.nanoTime();
        Files.copy(baseline, OutputStream.nullOutputStream());
        report("baseline_files_copy_read", size, t0, heap.stop());
        Files.delete(baseline);
        heap = HeapPeak.start();
        t0 = System.nanoTime();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (InputStream in = generated(size)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0;) {
                sha.update(buf, 0, n);
            }
        }
        sha.digest();
        report("baseline_sha256_only", size, t0, heap.stop());

        try (BlobStore store = FileBlobStore.open(work.resolve("blobs"), () -> "http://127.0.0.1", Clock.systemUTC())) {
            heap = HeapPeak.start();
            t0 = System.nanoTime();
            BlobInfo info = store.put("bench/model.safetensors", generated(size), size, null, null);
            report("blob_put_sha256_fsync", info.size(), t0, heap.stop());
            heap = HeapPeak.start();
            t0 = System.nanoTime();
            try (InputStream in = store.open("bench/model.safetensors")) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            report("blob_get", size, t0, heap.stop());
        }
    }

    /**
     * Lists {@code objects} keys under one prefix through S3BlobStore (ListObjectsV2, 1,000 keys a page: S3's most)
     * against S3Proxy with the named backend: {@code transient-nio2} (S3Proxy's default in-memory store) or
     * {@code filesystem-nio2} (files under {@code work}) or {@code key-indexed} (the in-memory store behind a
     * key-ordered index, {@link KeyIndexedBlobStore}: pages from the marker as S3 does). Prints the client's rounds,
     * then the time S3Proxy's backend alone (called in-process, no HTTP) takes for the first and the last page, which
     * shows whether the cost per page grows with the objects under the prefix (S3Proxy 4.1 reads and sorts every entry
     * under the prefix for each page).
     */
    static void s3Listing(int objects, String backendName, Path work) throws Exception {
        org.gaul.s3proxy.blobstore.BlobStore backend = switch (backendName) {
            case "transient-nio2" -> new TransientNio2BlobStore();
            case "key-indexed" -> new KeyIndexedBlobStore(new TransientNio2BlobStore());
            case "filesystem-nio2" ->
                    new FilesystemNio2BlobStore(Files.createDirectories(work.resolve("s3proxy-fs")).toString());
            default ->
                    throw new IllegalArgumentException("--s3-backend: transient-nio2, filesystem-nio2 or key-indexed");
        };
        backend.createContainer("bench");
        byte[] one = { 42 };
        long t0 = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            backend.putBlob(PutObjectRequest.builder().bucket("bench").key(key(i)).contentLength(1L).build(),
                    new ByteArrayInputStream(one));
        }
        OUT.printf("bench: wrote %,d objects into S3Proxy's %s store in %.1f s%n", objects, backendName, secs(t0));
        S3Proxy proxy = S3Proxy.builder().blobStore(backend).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        try (BlobStore store = BlobStores.open(BlobSettings.s3("bench", "", "http://127.0.0.1:" + proxy.getPort(),
                "us-east-1", true, "bench", "bench-secret"), () -> "")) {
            for (int round = 1; round <= 3; round++) {
                listRound(store, round, backendName);
            }
        } finally {
            proxy.stop();
        }
        for (String after : new String[] { null, key(objects - 1001) }) {
            double best = Double.MAX_VALUE;
            int n = 0;
            for (int rep = 0; rep < 3; rep++) {
                long t = System.nanoTime();
                n = backend.list(ListObjectsV2Request.builder().bucket("bench").prefix("runs/r-1/").maxKeys(1000)
                        .startAfter(after).build()).contents().size();
                best = Math.min(best, secs(t));
            }
            OUT.printf("RESULT s3proxy_backend_page backend=%s page=%s keys=%d seconds=%.3f%n", backendName,
                    after == null ? "first" : "last", n, best);
        }
    }

    private static String key(int i) {
        return "runs/r-1/checkpoints/step_%09d.pt".formatted(i * 10L);
    }

    private static void listRound(BlobStore store, int round, String backendName) {
        long t0 = System.nanoTime();
        long seen = 0;
        int pages = 0;
        double firstPage = 0;
        double lastPage = 0;
        String cursor = null;
        String lastKey = "";
        do {
            long p0 = System.nanoTime();
            BlobListing page = store.list("runs/r-1/", null, cursor, 10_000);
            lastPage = secs(p0);
            firstPage = pages == 0 ? lastPage : firstPage;
            seen += page.blobs().size();
            for (BlobInfo blob : page.blobs()) {
                if (blob.key().compareTo(lastKey) <= 0) {
                    throw new IllegalStateException("listing out of order or repeated at " + blob.key());
                }
                lastKey = blob.key();
            }
            pages++;
            cursor = page.nextCursor();
        } while (cursor != null);
        double s = secs(t0);
        OUT.printf(
                "RESULT s3_list backend=%s round=%d objects=%d pages=%d seconds=%.3f objects_per_s=%.0f "
                        + "first_page_s=%.3f last_page_s=%.3f bar_2s=%s%n",
                backendName, round, seen, pages, s, seen / s, firstPage, lastPage, s <= 2.0 ? "met" : "missed");
    }

    static void report(String what, long bytes, long t0, long heapPeak) {
        double s = secs(t0);
        OUT.printf("RESULT %s bytes=%d seconds=%.2f mb_per_s=%.0f heap_peak_mb=%.1f max_heap_mb=%d%n", what, bytes, s,
                bytes / (double) MB / s, heapPeak / (double) MB, Runtime.getRuntime().maxMemory() / MB);
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code size} bytes of a repeating pseudo-random 1 MiB block, generated as read (no whole-file buffer). */
    static InputStream generated(long size) {
        byte[] block = new byte[(int) MB];
        new java.util.SplittableRandom(42).nextBytes(block);
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                return pos < size ? block[(int) (pos++ % MB)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int at = (int) (pos % MB);
                int n = (int) Math.min(Math.min(len, MB - at), size - pos);
                System.arraycopy(block, at, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Samples the used heap every 10 ms on a daemon thread and keeps the peak. */
    static final class HeapPeak implements Runnable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapPeak start() {
            System.gc();
            HeapPeak h = new HeapPeak();
            h.thread = new Thread(h, "heap-peak");
            h.thread.setDaemon(true);
            h.thread.start();
            return h;
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}

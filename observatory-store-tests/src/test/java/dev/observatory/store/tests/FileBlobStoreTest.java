package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.FileBlobStore;
import dev.observatory.store.blob.SignedLink;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2025-03-01T12:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    Path root() {
        return dir.resolve("blobs");
    }

    @Override
    protected BlobStore newStore() {
        return FileBlobStore.open(root(), () -> "http://127.0.0.1:8765/", clock);
    }

    @Override
    protected Optional<byte[]> follow(SignedLink link) throws Exception {
        assertThat(link.url().toString()).startsWith("http://127.0.0.1:8765/api/v1/blobs/signed?");
        Map<String, String> q = new HashMap<>();
        for (String pair : link.url().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return readIfGranted(store, store.verifyLink(q.get("key"), Long.parseLong(q.get("expires")), q.get("sig")));
    }

    @Override
    protected void passTime(Duration d) {
        now = now.plus(d);
    }

    @Test
    void refusesSymbolicLinksThatLeadOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "do not serve");
        Files.createSymbolicLink(root().resolve("data").resolve("escape"), outside);
        Files.createSymbolicLink(root().resolve("data").resolve("leak.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> store.open("escape/secret.txt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the blob root");
        assertThatThrownBy(() -> store.open("leak.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat("leak.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> put("escape/planted.txt", text("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> put("escape/deeper/planted.txt", text("x")))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(outside.resolve("planted.txt")).doesNotExist();
        assertThat(outside.resolve("deeper")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("do not serve");
    }

    @Test
    void followsSymbolicLinksThatStayInsideTheRoot() throws Exception {
        put("real/x.txt", text("inside"));
        Files.createSymbolicLink(root().resolve("data").resolve("alias"), root().resolve("data").resolve("real"));

        assertThat(read(store.open("alias/x.txt"))).isEqualTo(text("inside"));
    }

    @Test
    void refusesTamperedSignaturesAndExpiries() {
        put("k.bin", text("k"));
        SignedLink link = store.link("k.bin", Duration.ofMinutes(5));
        long expires = link.expires().getEpochSecond();
        String sig = link.url().getRawQuery().replaceAll(".*sig=", "");

        assertThat(store.verifyLink("k.bin", expires, sig)).contains("k.bin");
        assertThat(store.verifyLink("k.bin", expires + 3600, sig)).isEmpty();
        assertThat(store.verifyLink("other.bin", expires, sig)).isEmpty();
        assertThat(store.verifyLink("k.bin", expires, sig.substring(0, 63) + (sig.endsWith("0") ? "1" : "0")))
                .isEmpty();
        assertThat(store.verifyLink("k.bin", expires, "not-hex")).isEmpty();
        assertThat(store.verifyLink("../k.bin", expires, sig)).isEmpty();
        assertThat(store.verifyLink("k.bin", expires, null)).isEmpty();
    }

    @Test
    void keepsItsLinkSecretOwnerOnlyAndAcrossRestarts() throws Exception {
        put("k.bin", text("k"));
        SignedLink link = store.link("k.bin", Duration.ofMinutes(5));
        String sig = link.url().getRawQuery().replaceAll(".*sig=", "");

        Path secret = root().resolve("link-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        try (BlobStore reopened = newStore()) {
            assertThat(reopened.verifyLink("k.bin", link.expires().getEpochSecond(), sig)).contains("k.bin");
        }
        try (BlobStore elsewhere = FileBlobStore.open(dir.resolve("other"), () -> "http://x", clock)) {
            assertThat(elsewhere.verifyLink("k.bin", link.expires().getEpochSecond(), sig)).isEmpty();
        }
    }

    @Test
    void leavesNoTemporaryFilesBehindAfterFailedUploads() throws Exception {
        assertThatThrownBy(() -> store.put("x.bin", new ByteArrayInputStream(text("abc")), 3, "0".repeat(64), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("y.bin", BlobStreams.generated(1, 5 * MB, MB), -1, null, null))
                .isInstanceOf(RuntimeException.class);

        try (var tmp = Files.list(root().resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void anInterruptedUploadLeavesNothingVisibleAndStopsItsHashingThread() throws Exception {
        java.io.InputStream source = BlobStreams.generated(4, 40 * MB);
        java.io.InputStream interruptsAt3Mb = new java.io.FilterInputStream(source) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (read >= 3 * MB) {
                    Thread.currentThread().interrupt();
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread uploader = new Thread(() -> {
            try {
                store.put("runs/r1/cut.pt", interruptsAt3Mb, -1, null, null);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        uploader.start();
        uploader.join(30_000);

        assertThat(failure.get()).isNotNull().hasMessageContaining("was interrupted");
        assertThat(store.stat("runs/r1/cut.pt")).isEmpty();
        try (var tmp = Files.list(root().resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
        awaitNoHashingThread();
    }

    @Test
    void aBrokenOffUploadStopsItsHashingThread() throws Exception {
        assertThatThrownBy(() -> store.put("y.bin", BlobStreams.generated(1, 30 * MB, 9 * MB), -1, null, null))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("broke off");

        awaitNoHashingThread();
    }

    private static void awaitNoHashingThread() throws InterruptedException {
        for (int i = 0; i < 500 && hashingThreads() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(hashingThreads()).isZero();
    }

    private static long hashingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("blob-sha256")).count();
    }

    @Test
    void refusesAKeyBelowAnExistingBlob() {
        put("a.pt", text("x"));

        assertThatThrownBy(() -> put("a.pt/inner", text("y"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.pt");
    }
}

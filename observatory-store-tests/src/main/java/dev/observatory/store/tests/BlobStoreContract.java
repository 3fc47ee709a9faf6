package dev.observatory.store.tests;

import static dev.observatory.store.tests.BlobStreams.generated;
import static dev.observatory.store.tests.BlobStreams.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import dev.observatory.store.blob.BlobNotFoundException;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.SignedLink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} does: streamed atomic writes with SHA-256, ranged reads, ordered paginated listings,
 * refusal of bad keys, and download links that grant one key until they expire. Runners supply a fresh store per test,
 * a way to follow a link (filesystem: verifyLink; S3: an HTTP GET) and a way to let time pass.
 */
abstract class BlobStoreContract {
    static final long MB = 1 << 20;

    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore newStore();

    /** The bytes the link serves, or empty when the link is refused (bad signature, expired, other key). */
    protected abstract Optional<byte[]> follow(SignedLink link) throws Exception;

    /** Lets at least {@code d} pass for the store's link expiry. */
    protected abstract void passTime(Duration d) throws Exception;

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    BlobInfo put(String key, byte[] bytes) {
        return store.put(key, new ByteArrayInputStream(bytes), bytes.length, null, "text/plain");
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void storesAndReturnsABlobWithItsHashSizeAndContentType() throws Exception {
        byte[] bytes = text("step 100 weights");
        String sha = sha256(bytes);

        BlobInfo info = store.put("runs/r1/ckpt/step_000100.pt", new ByteArrayInputStream(bytes), bytes.length, sha,
                "application/x-pytorch");

        assertThat(info.key()).isEqualTo("runs/r1/ckpt/step_000100.pt");
        assertThat(info.size()).isEqualTo(bytes.length);
        assertThat(info.sha256()).isEqualTo(sha);
        assertThat(info.contentType()).isEqualTo("application/x-pytorch");
        assertThat(read(store.open("runs/r1/ckpt/step_000100.pt"))).isEqualTo(bytes);
        BlobInfo stat = store.stat("runs/r1/ckpt/step_000100.pt").orElseThrow();
        assertThat(stat.size()).isEqualTo(bytes.length);
        assertThat(stat.sha256()).isEqualTo(sha);
        assertThat(stat.contentType()).isEqualTo("application/x-pytorch");
        assertThat(stat.modified()).isNotNull();
        assertThat(store.exists("runs/r1/ckpt/step_000100.pt")).isTrue();
    }

    @Test
    void computesTheHashWhenNoneIsDeclaredAndDefaultsTheContentType() throws Exception {
        byte[] bytes = text("no declared hash");

        BlobInfo info = store.put("a.bin", new ByteArrayInputStream(bytes), -1, null, null);

        assertThat(info.sha256()).isEqualTo(sha256(bytes));
        assertThat(store.stat("a.bin").orElseThrow().sha256()).isEqualTo(sha256(bytes));
        assertThat(store.stat("a.bin").orElseThrow().contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void keepsKeysWithSpacesAndNonAsciiCharacters() throws Exception {
        put("reports/eval run/ünïcode €.txt", text("x"));

        assertThat(read(store.open("reports/eval run/ünïcode €.txt"))).isEqualTo(text("x"));
        assertThat(store.list("reports/", null, null, 10).blobs()).extracting(BlobInfo::key)
                .containsExactly("reports/eval run/ünïcode €.txt");
    }

    @Test
    void streamsA64MegabyteGeneratedStreamOfKnownSize() throws Exception {
        long size = 64 * MB;
        String expected = sha256(generated(7, size));

        BlobInfo info = store.put("big/model.safetensors", generated(7, size), size, expected, null);

        assertThat(info.size()).isEqualTo(size);
        assertThat(info.sha256()).isEqualTo(expected);
        assertThat(sha256(store.open("big/model.safetensors"))).isEqualTo(expected);
    }

    @Test
    void uploadsAStreamOfUnknownSizeLargerThanOnePart() throws Exception {
        long size = 20 * MB + 12_345;
        String expected = sha256(generated(8, size));

        BlobInfo info = store.put("big/unknown.bin", generated(8, size), -1, null, null);

        assertThat(info.size()).isEqualTo(size);
        assertThat(info.sha256()).isEqualTo(expected);
        assertThat(store.stat("big/unknown.bin").orElseThrow().size()).isEqualTo(size);
        assertThat(store.stat("big/unknown.bin").orElseThrow().sha256()).isEqualTo(expected);
        assertThat(sha256(store.open("big/unknown.bin"))).isEqualTo(expected);
    }

    @Test
    void replacesABlobWrittenAgainUnderTheSameKey() throws Exception {
        put("k.txt", text("first"));
        put("k.txt", text("second, longer"));

        assertThat(read(store.open("k.txt"))).isEqualTo(text("second, longer"));
        assertThat(store.stat("k.txt").orElseThrow().sha256()).isEqualTo(sha256(text("second, longer")));
    }

    @Test
    void refusesADeclaredHashMismatchAndLeavesNothingVisible() throws Exception {
        byte[] bytes = text("tampered");
        String wrong = sha256(text("original"));

        assertThatThrownBy(() -> store.put("new.bin", new ByteArrayInputStream(bytes), bytes.length, wrong, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256 mismatch");

        assertThat(store.exists("new.bin")).isFalse();
        assertThat(store.list("", null, null, 100).blobs()).isEmpty();
    }

    @Test
    void keepsThePreviousBlobWhenAReplacementHasTheWrongHash() throws Exception {
        put("ckpt.pt", text("good"));
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> store.put("ckpt.pt", new ByteArrayInputStream(text("bad")), 3, wrong, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("ckpt.pt", generated(9, 20 * MB), -1, wrong, null))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(read(store.open("ckpt.pt"))).isEqualTo(text("good"));
        assertThat(store.stat("ckpt.pt").orElseThrow().sha256()).isEqualTo(sha256(text("good")));
    }

    @Test
    void refusesAMalformedDeclaredHashOrAWrongDeclaredSize() {
        assertThatThrownBy(() -> store.put("a", new ByteArrayInputStream(text("x")), 1, "abc", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hexadecimal");
        assertThatThrownBy(() -> store.put("a", new ByteArrayInputStream(text("xyz")), 5, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size mismatch");
        assertThatThrownBy(() -> store.put("a", new ByteArrayInputStream(text("xyz")), 2, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size mismatch");
        assertThat(store.exists("a")).isFalse();
    }

    @Test
    void anUploadThatBreaksOffMidwayLeavesNothingVisible() throws Exception {
        put("runs/r1/old.pt", text("previous"));

        assertThatThrownBy(() -> store.put("runs/r1/new.pt", generated(1, 3 * MB, MB), 3 * MB, null, null))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.put("runs/r1/big.pt", generated(2, 40 * MB, 19 * MB), -1, null, null))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.put("runs/r1/old.pt", generated(3, 40 * MB, 12 * MB), -1, null, null))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.exists("runs/r1/new.pt")).isFalse();
        assertThat(store.exists("runs/r1/big.pt")).isFalse();
        assertThat(read(store.open("runs/r1/old.pt"))).isEqualTo(text("previous"));
        assertThat(store.list("runs/", null, null, 100).blobs()).extracting(BlobInfo::key)
                .containsExactly("runs/r1/old.pt");
    }

    @Test
    void readsRangesIncludingPastTheEnd() throws Exception {
        put("r.txt", text("0123456789"));

        assertThat(read(store.openRange("r.txt", 2, 3))).isEqualTo(text("234"));
        assertThat(read(store.openRange("r.txt", 0, 10))).isEqualTo(text("0123456789"));
        assertThat(read(store.openRange("r.txt", 7, 100))).isEqualTo(text("789"));
        assertThat(read(store.openRange("r.txt", 10, 5))).isEmpty();
        assertThat(read(store.openRange("r.txt", 50, 5))).isEmpty();
        assertThat(read(store.openRange("r.txt", 3, 0))).isEmpty();
        assertThatThrownBy(() -> store.openRange("r.txt", -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange("r.txt", 0, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange("missing.txt", 0, 2)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void readsARangeFarIntoALargeBlob() throws Exception {
        long size = 12 * MB;
        store.put("big.bin", generated(4, size), size, null, null);
        byte[] all = read(generated(4, size));

        byte[] range = read(store.openRange("big.bin", 10 * MB + 3, 1000));

        assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(all, (int) (10 * MB + 3), (int) (10 * MB + 1003)));
    }

    @Test
    void aMissingBlobIsNotFoundOrAbsent() {
        assertThatThrownBy(() -> store.open("nope/x.bin")).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("nope/x.bin");
        assertThat(store.stat("nope/x.bin")).isEmpty();
        assertThat(store.exists("nope/x.bin")).isFalse();
        assertThat(store.delete("nope/x.bin")).isFalse();
        assertThatThrownBy(() -> store.link("nope/x.bin", Duration.ofMinutes(5)))
                .isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void listsKeysUnderAPrefixInKeyOrderPageByPage() {
        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            String key = "runs/r1/checkpoints/step_%06d.pt".formatted(i * 100);
            put(key, text("w" + i));
            expected.add(key);
        }
        put("runs/r10/other.pt", text("other run"));
        put("runs/r0.txt", text("before"));
        expected.sort(null);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            BlobListing page = store.list("runs/r1/", null, cursor, 10);
            assertThat(page.blobs().size()).isLessThanOrEqualTo(10);
            page.blobs().forEach(b -> seen.add(b.key()));
            assertThat(page.prefixes()).isEmpty();
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        assertThat(store.list("runs/r1", null, null, 100).blobs()).hasSize(26);
        assertThat(store.list("", null, null, 100).blobs()).extracting(BlobInfo::key).first().isEqualTo("runs/r0.txt");
        assertThat(store.list("runs/r1/checkpoints/step_002", null, null, 100).blobs()).hasSize(5);
        assertThat(store.list("runs/r1/", null, null, 100).blobs()).allMatch(b -> b.size() > 0);
    }

    @Test
    void listsFoldersOnceWithTheSlashDelimiter() {
        for (String k : List.of("a/1", "a/b/2", "a/b/3", "a/c/d/4", "a/z.txt", "ab/5", "a.txt")) {
            put(k, text(k));
        }

        BlobListing top = store.list("", "/", null, 100);
        BlobListing a = store.list("a/", "/", null, 100);

        assertThat(top.blobs()).extracting(BlobInfo::key).containsExactly("a.txt");
        assertThat(top.prefixes()).containsExactly("a/", "ab/");
        assertThat(a.blobs()).extracting(BlobInfo::key).containsExactly("a/1", "a/z.txt");
        assertThat(a.prefixes()).containsExactly("a/b/", "a/c/");
        assertThat(a.nextCursor()).isNull();

        List<String> oneByOne = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            BlobListing page = store.list("a/", "/", cursor, 1);
            page.blobs().forEach(b -> oneByOne.add(b.key()));
            oneByOne.addAll(page.prefixes());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 20);
        assertThat(oneByOne).containsExactlyInAnyOrder("a/1", "a/z.txt", "a/b/", "a/c/");
    }

    @Test
    void refusesAListingLimitOutOfRange() {
        assertThatThrownBy(() -> store.list("", null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("", null, null, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletesABlobAndSaysWhetherItExisted() throws Exception {
        put("d/x.txt", text("x"));
        put("d/y.txt", text("y"));

        assertThat(store.delete("d/x.txt")).isTrue();
        assertThat(store.delete("d/x.txt")).isFalse();

        assertThat(store.exists("d/x.txt")).isFalse();
        assertThat(read(store.open("d/y.txt"))).isEqualTo(text("y"));
        assertThat(store.delete("d/y.txt")).isTrue();
        assertThat(store.list("", "/", null, 10).prefixes()).isEmpty();
        assertThat(store.list("", null, null, 10).blobs()).isEmpty();
    }

    @Test
    void refusesBadKeysBeforeTouchingAnything() {
        List<String> bad = List.of("../etc/passwd", "a/../../b", "a/./b", "/abs/path", "a\u0000b", "a\\b", "a//b", "a/",
                "", "tab\there", "..", "C:/windows", "x".repeat(1025));
        for (String key : bad) {
            assertThatThrownBy(() -> put(key, text("x"))).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.stat(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.link(key, Duration.ofMinutes(1))).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.list("../", null, null, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("", null, null, 10).blobs()).isEmpty();
    }

    @Test
    void aLinkServesItsBlobAndNoOther() throws Exception {
        put("links/a.bin", text("alpha"));
        put("links/b.bin", text("bravo"));

        SignedLink link = store.link("links/a.bin", Duration.ofMinutes(10));

        assertThat(follow(link)).contains(text("alpha"));
        SignedLink forged = new SignedLink(java.net.URI.create(link.url().toString().replace("a.bin", "b.bin")),
                link.expires());
        assertThat(follow(forged)).isEmpty();
    }

    @Test
    void aLinkStopsWorkingWhenItExpires() throws Exception {
        put("links/e.bin", text("echo"));
        SignedLink link = store.link("links/e.bin", Duration.ofSeconds(4));
        assertThat(follow(link)).contains(text("echo"));

        passTime(Duration.ofSeconds(6));

        assertThat(follow(link)).isEmpty();
        assertThatThrownBy(() -> store.link("links/e.bin", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.link("links/e.bin", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesItsKindAndLocation() {
        assertThat(store.kind()).isIn("filesystem", "s3");
        assertThat(store.location()).isNotBlank();
    }

    /** Helper for runners: the store's answer for an HTTP-less link check. */
    static Optional<byte[]> readIfGranted(BlobStore store, Optional<String> granted) throws IOException {
        return granted.isPresent() ? Optional.of(read(store.open(granted.get()))) : Optional.empty();
    }
}

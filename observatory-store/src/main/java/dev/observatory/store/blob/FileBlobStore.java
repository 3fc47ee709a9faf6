package dev.observatory.store.blob;

import dev.observatory.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Blobs as files under a root directory: {@code data/<key>} holds the bytes, {@code meta/<key>} a small sidecar with
 * the SHA-256, content type and size, {@code tmp/} the uploads in progress (same filesystem, so the final move is an
 * atomic rename), {@code link-secret} the HMAC key of download links. Writes stream through a few reusable 256 KiB
 * buffers while SHA-256 runs on a second thread (see {@link PipelinedCopy}), fsync, then rename into place. Paths
 * resolving outside the root (through a symlink too) are refused.
 */
public final class FileBlobStore implements BlobStore {
    /** Largest validity of a download link. */
    public static final Duration MAX_LINK_VALIDITY = Duration.ofDays(7);
    private static final int LOCK_STRIPES = 64;

    private final Path root;
    private final FilePaths paths;
    private final Supplier<String> publicBase;
    private final Clock clock;
    private final LinkSigner signer;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private volatile boolean deleteOnClose;

    private FileBlobStore(Path root, Supplier<String> publicBase, Clock clock) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("meta"));
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        try (Stream<Path> stale = Files.list(tmp)) {
            for (Path p : stale.toList()) {
                Files.deleteIfExists(p);
            }
        }
        this.paths = new FilePaths(root.resolve("data").toRealPath(), root.resolve("meta").toRealPath(),
                tmp.toRealPath());
        this.publicBase = publicBase;
        this.clock = clock;
        this.signer = LinkSigner.load(root.resolve("link-secret"));
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Opens (creating when needed) the store under {@code root}. {@code publicBase} gives the server's public URL (e.g.
     * {@code http://127.0.0.1:8765}) when a link is made; {@code clock} decides link expiry.
     */
    public static FileBlobStore open(Path root, Supplier<String> publicBase, Clock clock) {
        try {
            return new FileBlobStore(root.toAbsolutePath().normalize(), publicBase, clock);
        } catch (IOException e) {
            throw new StoreException("cannot open the blob directory " + root + " (setting data_dir): " + e, e);
        }
    }

    /**
     * A store in a new temporary directory that {@link #close()} deletes with everything in it: for
     * {@code storage=memory}, where nothing is persisted.
     */
    public static FileBlobStore openTemporary(Supplier<String> publicBase, Clock clock) {
        try {
            FileBlobStore s = open(Files.createTempDirectory("observatory-blobs-"), publicBase, clock);
            s.deleteOnClose = true;
            return s;
        } catch (IOException e) {
            throw new StoreException("cannot create a temporary blob directory: " + e.getMessage(), e);
        }
    }

    @Override
    public BlobInfo put(String key, InputStream content, long declaredSize, String expectedSha256, String contentType) {
        BlobKeys.check(key);
        String expected = HashingCopy.checkDeclared(expectedSha256);
        String type = HashingCopy.contentType(contentType);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(paths.tmp(), "put-", ".part");
            MessageDigest digest = HashingCopy.sha256();
            long size = copy(content, tmp, digest, key);
            HashingCopy.checkSize(key, declaredSize, size);
            String sha = HashingCopy.hex(digest);
            HashingCopy.checkMatch(key, expected, sha, size);
            Path target = paths.dataForWrite(key);
            Path meta = paths.metaForWrite(key);
            Path metaTmp = Files.createTempFile(paths.tmp(), "meta-", ".part");
            Sidecar.write(metaTmp, new Sidecar(sha, type, size));
            synchronized (lockFor(key)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(metaTmp, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            FilePaths.syncDirectory(target.getParent());
            return new BlobInfo(key, size, sha, type, Files.getLastModifiedTime(target).toInstant());
        } catch (IOException e) {
            throw new StoreException("cannot store blob '" + key + "' under " + root + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static long copy(InputStream in, Path tmp, MessageDigest digest, String key) throws IOException {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            long total = PipelinedCopy.copy(in, out, digest, key);
            out.force(true);
            return total;
        }
    }

    @Override
    public InputStream open(String key) {
        return openRange(key, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream openRange(String key, long offset, long length) {
        BlobKeys.check(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset and length must be >= 0, got " + offset + "/" + length);
        }
        Path file = paths.dataForRead(key).orElseThrow(() -> new BlobNotFoundException(key));
        try {
            return new RangeInputStream(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                    offset, length);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        } catch (IOException e) {
            throw new StoreException("cannot read blob '" + key + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        BlobKeys.check(key);
        return paths.dataForRead(key).flatMap(file -> info(key, file));
    }

    Optional<BlobInfo> info(String key, Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            Sidecar s = Sidecar.read(paths.meta(key)).filter(m -> m.size() == a.size()).orElse(null);
            return Optional.of(new BlobInfo(key, a.size(), s == null ? null : s.sha256(),
                    s == null ? HashingCopy.contentType(null) : s.contentType(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot stat blob '" + key + "': " + e.getMessage(), e);
        }
    }

    @Override
    public BlobListing list(String prefix, String delimiter, String cursor, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
        String p = BlobKeys.checkPrefix(prefix);
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        try {
            return new FileListing(this, paths.data(), p, d, cursor, limit).run();
        } catch (UncheckedIOException e) {
            throw new StoreException("cannot list blobs under '" + p + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key) {
        BlobKeys.check(key);
        Optional<Path> file = paths.dataForRead(key);
        if (file.isEmpty()) {
            return false;
        }
        try {
            boolean existed;
            synchronized (lockFor(key)) {
                existed = Files.deleteIfExists(file.get());
                Files.deleteIfExists(paths.meta(key));
            }
            paths.pruneEmptyParents(key);
            return existed;
        } catch (IOException e) {
            throw new StoreException("cannot delete blob '" + key + "': " + e.getMessage(), e);
        }
    }

    @Override
    public SignedLink link(String key, Duration validFor) {
        BlobKeys.check(key);
        if (validFor == null || validFor.isNegative() || validFor.isZero()
                || validFor.compareTo(MAX_LINK_VALIDITY) > 0) {
            throw new IllegalArgumentException("link validity must be between 1 second and 7 days, got " + validFor);
        }
        if (!exists(key)) {
            throw new BlobNotFoundException(key);
        }
        long expires = clock.instant().plus(validFor).getEpochSecond();
        String base = publicBase.get().replaceAll("/+$", "");
        URI url = URI.create(base + "/api/v1/blobs/signed?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&expires=" + expires + "&sig=" + signer.sign(key, expires));
        return new SignedLink(url, Instant.ofEpochSecond(expires));
    }

    @Override
    public Optional<String> verifyLink(String key, long expiresEpochSeconds, String signature) {
        try {
            BlobKeys.check(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean fresh = clock.instant().getEpochSecond() <= expiresEpochSeconds;
        boolean genuine = signer.valid(key, expiresEpochSeconds, signature);
        return fresh && genuine ? Optional.of(key) : Optional.empty();
    }

    @Override
    public String kind() {
        return "filesystem";
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        if (deleteOnClose) {
            deleteOnClose = false;
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory the OS cleans up eventually
            }
        }
    }

    private Object lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is removed at the next open
        }
    }
}

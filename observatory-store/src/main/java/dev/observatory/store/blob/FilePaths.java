package dev.observatory.store.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a key lives in the filesystem store, with the symlink checks: a path whose real location (all links followed)
 * is outside the root is refused with IllegalArgumentException, and folders are created one at a time so a link planted
 * in the tree can never make the store create anything outside it.
 */
record FilePaths(Path data, Path meta, Path tmp) {

    /** The real path of the blob file, empty when there is no regular file under the key. */
    Optional<Path> dataForRead(String key) {
        Path p = data.resolve(key);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real = insideOrRefuse(data, key, p);
        return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
    }

    Path meta(String key) {
        return meta.resolve(key);
    }

    Path dataForWrite(String key) throws IOException {
        Path target = folders(data, key);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("blob key '" + key + "' names a folder of other blobs");
        }
        if (Files.isSymbolicLink(target)) {
            insideOrRefuse(data, key, target);
        }
        return target;
    }

    Path metaForWrite(String key) throws IOException {
        return folders(meta, key);
    }

    /** Creates the folders of {@code key} below {@code base}, checking each existing one; returns the file's path. */
    private static Path folders(Path base, String key) throws IOException {
        String[] segments = key.split("/");
        Path dir = base;
        for (int i = 0; i < segments.length - 1; i++) {
            dir = dir.resolve(segments[i]);
            if (Files.isSymbolicLink(dir)) {
                insideOrRefuse(base, key, dir);
            }
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("blob key '" + key + "' lies below the existing blob '"
                            + String.join("/", java.util.Arrays.copyOf(segments, i + 1)) + "'");
                }
            } else {
                Files.createDirectory(dir);
            }
        }
        return dir.resolve(segments[segments.length - 1]);
    }

    private static Path insideOrRefuse(Path root, String key, Path p) {
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                throw new IllegalArgumentException(
                        "blob key '" + key + "' resolves outside the blob root through a symbolic link; refused");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("blob key '" + key + "' goes through a dangling symbolic link", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve blob key '" + key + "': " + e.getMessage(), e);
        }
    }

    void pruneEmptyParents(String key) {
        prune(data, data.resolve(key).getParent());
        prune(meta, meta.resolve(key).getParent());
    }

    private static void prune(Path base, Path dir) {
        Path d = dir;
        while (d != null && !d.equals(base) && d.startsWith(base)) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return;
            }
            d = d.getParent();
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the rename itself is atomic
        }
    }
}

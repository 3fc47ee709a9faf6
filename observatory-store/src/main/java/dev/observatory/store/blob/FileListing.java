package dev.observatory.store.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One page of a filesystem listing: a depth-first walk in key order that skips folders outside the prefix and folders
 * wholly before the cursor, and with the "/" delimiter reports a folder as a common prefix without entering it. The
 * cursor is the last key or common prefix of the previous page.
 */
final class FileListing {
    private final FileBlobStore store;
    private final Path data;
    private final String prefix;
    private final String delimiter;
    private final String cursor;
    private final int limit;
    private final List<BlobInfo> blobs = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private String last;
    private boolean more;

    FileListing(FileBlobStore store, Path data, String prefix, String delimiter, String cursor, int limit) {
        this.store = store;
        this.data = data;
        this.prefix = prefix;
        this.delimiter = delimiter;
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        this.limit = limit;
    }

    BlobListing run() {
        walk(data, "");
        return new BlobListing(blobs, prefixes, more ? last : null);
    }

    /** Returns false once the page is full and one more entry was seen (so there is a next page). */
    private boolean walk(Path dir, String dirKey) {
        TreeMap<String, Path> children = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                boolean folder = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                children.put(dirKey + child.getFileName() + (folder ? "/" : ""), child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var e : children.entrySet()) {
            String k = e.getKey();
            boolean folder = k.endsWith("/");
            if (!(k.startsWith(prefix) || (folder && prefix.startsWith(k)))) {
                continue;
            }
            if (cursor != null && k.compareTo(cursor) <= 0 && !(folder && cursor.startsWith(k))) {
                continue;
            }
            if (!(folder ? folder(e.getValue(), k) : file(e.getValue(), k))) {
                return false;
            }
        }
        return true;
    }

    private boolean folder(Path dir, String k) {
        if ("/".equals(delimiter) && k.length() > prefix.length()) {
            if (cursor != null && cursor.startsWith(k)) {
                return true;
            }
            return !hasFile(dir) || emit(k, null);
        }
        return walk(dir, k);
    }

    private boolean file(Path file, String k) {
        if (delimiter != null) {
            int at = k.indexOf(delimiter, prefix.length());
            if (at >= 0) {
                String common = k.substring(0, at + delimiter.length());
                if (common.equals(last) || (cursor != null && cursor.equals(common))) {
                    return true;
                }
                return emit(common, null);
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Optional<BlobInfo> info = store.info(k, file);
        return info.isEmpty() || emit(k, info.get());
    }

    private boolean emit(String k, BlobInfo info) {
        if (blobs.size() + prefixes.size() >= limit) {
            more = true;
            return false;
        }
        if (info == null) {
            prefixes.add(k);
        } else {
            blobs.add(info);
        }
        last = k;
        return true;
    }

    private static boolean hasFile(Path dir) {
        try (var s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.observatory.core.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a registered model version where its source points: objects under its prefix in the blob store, or files
 * under a local path ({@code file:} URI or absolute path). Names and sizes only, never contents. Other sources (a
 * foreign bucket, a hub id) are reported as not browsable with the reason.
 */
public final class ModelStorage {
    public static final int MAX_PAGE = 1000;

    private final Tracking tracking;

    public ModelStorage(Tracking tracking) {
        this.tracking = tracking;
    }

    /** One file or object: its path relative to the version's source. */
    public record Entry(String path, long size, Instant modified) {
    }

    /**
     * @param where
     *            {@code blob store}, {@code local} or {@code not browsable}
     * @param reason
     *            why the source is not browsable, else null
     * @param nextCursor
     *            the last path of this page when there is more
     */
    public record Listing(ModelVersion version, String source, String where, String reason, List<Entry> entries,
            String nextCursor) {
    }

    /** The version by id, or by model and version number or alias (latest when null). */
    public ModelVersion resolve(String versionId, String model, String version) {
        Registry registry = new Registry(tracking);
        if (versionId != null && !versionId.isBlank()) {
            return registry.getVersionById(versionId);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("name the version: version_id, or model with version");
        }
        String v = version == null ? "latest" : version.trim();
        if (v.equals("latest")) {
            return registry.latestVersion(model, null);
        }
        return v.matches("[0-9]{1,9}") ? registry.getVersion(model, Integer.parseInt(v))
                : registry.getByAlias(model, v);
    }

    public Listing browse(ModelVersion v, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
        String source = v.source() == null ? "" : v.source().trim();
        if (tracking.hasBlobs()) {
            String base = tracking.blobs().location();
            base = base.endsWith("/") ? base : base + "/";
            if (source.startsWith(base)) {
                String prefix = source.substring(base.length());
                BlobListing page = new Artifacts(tracking).browse(prefix, false, cursor, limit);
                List<Entry> entries = new ArrayList<>();
                for (BlobInfo b : page.blobs()) {
                    entries.add(new Entry(b.key().substring(Math.min(prefix.length(), b.key().length())), b.size(),
                            b.modified()));
                }
                return new Listing(v, source, "blob store", null, entries, page.nextCursor());
            }
        }
        Path local = localPath(source);
        if (local == null) {
            return new Listing(v, source, "not browsable",
                    "the source is neither in this server's blob store nor a local path", List.of(), null);
        }
        if (!Files.exists(local)) {
            return new Listing(v, source, "not browsable", "nothing exists at " + local + " on this host", List.of(),
                    null);
        }
        List<Entry> page = localPage(local, cursor, limit + 1);
        boolean more = page.size() > limit;
        List<Entry> kept = more ? page.subList(0, limit) : page;
        return new Listing(v, source, "local", null, kept, more ? kept.get(limit - 1).path() : null);
    }

    private static Path localPath(String source) {
        if (source.startsWith("file:")) {
            return Path.of(URI.create(source)).normalize();
        }
        return source.startsWith("/") ? Path.of(source).normalize() : null;
    }

    /** Files under the path (or the file itself) in path order after the cursor; at most {@code fetch}. */
    private static List<Entry> localPage(Path root, String cursor, int fetch) {
        try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            return files.filter(Files::isRegularFile).map(p -> entry(root, p))
                    .filter(e -> cursor == null || e.path().compareTo(cursor) > 0)
                    .sorted(Comparator.comparing(Entry::path)).limit(fetch).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot list " + root + ": " + e.getMessage());
        }
    }

    private static Entry entry(Path root, Path p) {
        try {
            String rel = root.equals(p) ? p.getFileName().toString() : root.relativize(p).toString();
            return new Entry(rel, Files.size(p), Files.getLastModifiedTime(p).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

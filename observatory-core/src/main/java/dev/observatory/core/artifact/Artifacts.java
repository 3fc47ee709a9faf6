package dev.observatory.core.artifact;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Cursors;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.Page;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.ArtifactStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import dev.observatory.store.blob.BlobInfo;
import dev.observatory.store.blob.BlobListing;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.SignedLink;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact service: uploads streamed into the blob store and recorded in the index, downloads, lists, usage and
 * storage browsing. Every surface (REST, MCP, MLflow API) goes through it. A stateless facade over a {@link Tracking}
 * (its store, blob store, clock, read-only flag and auditor): building one per request is cheap.
 * <p>
 * An upload writes the blob first (streamed, atomic, hash-checked by the blob store) and records the artifact only once
 * the blob is complete: a failed or interrupted upload leaves no record, and a record never points at a partial blob.
 * Each upload also records the lineage edge {@code artifact logged_by run}.
 * <p>
 * Errors: IllegalArgumentException for bad input (bad path, hash mismatch), NotFoundException for an unknown run,
 * artifact or blob, ReadOnlyException for a write in read-only mode, StoreException when no blob store is configured
 * (naming the setting).
 */
public final class Artifacts {
    /** Largest page one call may ask for. */
    public static final int MAX_PAGE = 1000;
    /** Longest validity of a download link. */
    public static final Duration MAX_LINK = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(Artifacts.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Tracking tracking;
    private final ArtifactStore store;
    private final Auditor auditor;

    public Artifacts(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().artifacts();
        this.auditor = tracking.auditor();
    }

    /** Whether a blob store is configured (uploads, downloads and links need one). */
    public boolean hasBlobs() {
        return tracking.hasBlobs();
    }

    // ---- upload and download

    /** Streams the content into the blob store, then records the artifact and its lineage edge to the run. */
    public Artifact upload(Actor actor, Upload u) {
        checkWritable("artifact.upload");
        Run run = tracking.getRun(u.runId());
        String path = ArtifactPaths.check(u.path());
        String sha = u.sha256() == null ? null : checkSha(u.sha256());
        ArtifactPaths.Facts facts = ArtifactPaths.facts(path);
        String key = ArtifactPaths.key(run.project(), run.id(), path);
        BlobInfo blob = blobs().put(key, u.content(), u.declaredSize(), sha, u.contentType());
        NewArtifact n = new NewArtifact(run.id(), run.project(), path, blob.size(), blob.sha256(),
                u.contentType() != null ? u.contentType() : blob.contentType(),
                u.kind() != null ? u.kind() : facts.kind(), u.step() != null ? u.step() : facts.step(),
                u.epoch() != null ? u.epoch() : facts.epoch(), u.metadata(), key);
        Artifact a = record(actor, n);
        auditor.record(actor, "artifact.upload", "artifact/" + a.id(),
                run.id() + ":" + path + " (" + a.size() + " bytes)");
        return a;
    }

    /** Records an artifact whose blob already exists, with its ingest lineage edge to the run. */
    Artifact record(Actor actor, NewArtifact n) {
        Artifact a = store.put(n);
        tracking.store().lineage()
                .link(new LineageEdge(EntityRef.of(EntityKind.ARTIFACT, a.id()),
                        EntityRef.of(EntityKind.RUN, a.runId()), LineageEdge.LOGGED_BY, tracking.clock().instant(),
                        LineageEdge.Source.INGEST));
        return a;
    }

    private static String checkSha(String sha) {
        String s = sha.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SHA256.matcher(s).matches()) {
            throw new IllegalArgumentException("a SHA-256 is 64 hexadecimal characters, got '"
                    + (sha.length() > 70 ? sha.substring(0, 70) + "..." : sha) + "'");
        }
        return s;
    }

    /** The whole content of an artifact, as a stream the caller closes. */
    public InputStream open(Artifact a) {
        return blobs().open(a.blobKey());
    }

    /** {@code length} bytes from {@code offset} of an artifact's content. */
    public InputStream openRange(Artifact a, long offset, long length) {
        return blobs().openRange(a.blobKey(), offset, length);
    }

    /** A time-limited download link (presigned on S3, a signed server link on the filesystem store). */
    public SignedLink link(Artifact a, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_LINK) > 0) {
            throw new IllegalArgumentException("a link is valid for 1 second to 7 days, got " + validFor);
        }
        return blobs().link(a.blobKey(), validFor);
    }

    /**
     * Where the artifact's bytes are: {@code <blob store location>/<key>}; the {@code file:} URI itself for a
     * checkpoint registered where a local job wrote it.
     */
    public String storageUri(Artifact a) {
        if (!tracking.hasBlobs() || a.blobKey().startsWith("file:")) {
            return a.blobKey();
        }
        String base = tracking.blobs().location();
        return base.endsWith("/") ? base + a.blobKey() : base + "/" + a.blobKey();
    }

    // ---- reads

    public Artifact get(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("artifact id must be 1-100 characters, as listed by list_artifacts");
        }
        return store.get(id).orElseThrow(() -> new NotFoundException(
                "no artifact with id '" + id + "': list_artifacts or list_checkpoints shows artifact ids"));
    }

    /** The artifact of a run at a path. */
    public Artifact find(String runId, String path) {
        tracking.getRun(runId);
        ArtifactPaths.check(path);
        return store.find(runId, path).orElseThrow(() -> new NotFoundException(
                "run " + runId + " has no artifact at '" + path + "': list_artifacts shows its paths"));
    }

    /**
     * A page of artifacts: {@code query.limit()} from the position the cursor names (null for the first page);
     * {@code query.offset()} is ignored. A run or project filter must name an existing one (NotFoundException).
     */
    public Page<Artifact> list(ArtifactQuery query, String cursor) {
        checkQuery(query);
        String fp = "artifacts|" + query.runId() + "|" + query.project() + "|" + query.kind() + "|" + query.pathPrefix()
                + "|" + query.minStep() + "|" + query.maxStep() + "|" + query.sort() + "|" + query.descending();
        long now = tracking.clock().instant().getEpochSecond();
        long offset = Cursors.decode(cursor, fp, now);
        List<Artifact> items = store.list(query.page(query.limit() + 1, offset));
        boolean more = items.size() > query.limit();
        return new Page<>(more ? items.subList(0, query.limit()) : items,
                more ? Cursors.encode(offset + query.limit(), fp, now) : null);
    }

    /** Artifacts exactly as the query says, offset and limit included. */
    public List<Artifact> find(ArtifactQuery query) {
        checkQuery(query);
        return store.list(query);
    }

    public long count(ArtifactQuery query) {
        return store.count(query);
    }

    /** Count, bytes and ranges of the matching artifacts, grouped. */
    public List<ArtifactUsage> usage(ArtifactQuery query, ArtifactUsage.GroupBy groupBy) {
        checkQuery(query);
        return store.usage(query, groupBy);
    }

    private void checkQuery(ArtifactQuery q) {
        if (q.limit() > MAX_PAGE + 1) {
            throw new IllegalArgumentException("at most " + MAX_PAGE + " artifacts per page, got " + q.limit());
        }
        if (q.runId() != null) {
            tracking.getRun(q.runId());
        }
        if (q.project() != null) {
            tracking.getProject(q.project());
        }
        if (q.minStep() != null && q.maxStep() != null && q.minStep() > q.maxStep()) {
            throw new IllegalArgumentException(
                    "min_step (" + q.minStep() + ") must not exceed max_step (" + q.maxStep() + ")");
        }
    }

    // ---- storage

    /** One page of the blob store under a prefix; with {@code folders} the next level's folders instead of contents. */
    public BlobListing browse(String prefix, boolean folders, String cursor, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
        return blobs().list(ArtifactPaths.checkPrefix(prefix), folders ? "/" : null, cursor, limit);
    }

    /** What the blob store knows of one key; empty when there is no object. */
    public Optional<BlobInfo> stat(String key) {
        ArtifactPaths.check(key);
        return blobs().stat(key);
    }

    /**
     * Objects and bytes under a prefix of the blob store, counted by listing at most {@code maxObjects} objects
     * ({@code complete} is false when there were more).
     */
    public StorageTotals storageTotals(String prefix, long maxObjects) {
        String p = ArtifactPaths.checkPrefix(prefix);
        long objects = 0;
        long bytes = 0;
        String cursor = null;
        do {
            BlobListing page = blobs().list(p, null, cursor, 10_000);
            for (BlobInfo b : page.blobs()) {
                if (objects == maxObjects) {
                    return new StorageTotals(p, objects, bytes, false);
                }
                objects++;
                bytes += b.size();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new StorageTotals(p, objects, bytes, true);
    }

    /** Objects and bytes under a prefix of the blob store. */
    public record StorageTotals(String prefix, long objects, long bytes, boolean complete) {
    }

    /** Deletes the record, its lineage edges and (when no other record points at it) its blob. */
    public void delete(Actor actor, String id) {
        checkWritable("artifact.delete");
        Artifact a = get(id);
        store.delete(id);
        tracking.store().lineage().unlinkAll(EntityRef.of(EntityKind.ARTIFACT, id));
        if (tracking.hasBlobs() && a.blobKey().equals(ArtifactPaths.key(a.project(), a.runId(), a.path()))) {
            try {
                tracking.blobs().delete(a.blobKey());
            } catch (RuntimeException e) {
                LOG.warn("artifact {} deleted but its blob {} was not: {}", id, a.blobKey(), e.getMessage());
            }
        }
        auditor.record(actor, "artifact.delete", "artifact/" + id, a.runId() + ":" + a.path());
    }

    BlobStore blobs() {
        if (!tracking.hasBlobs()) {
            throw new StoreException("no blob store is configured for artifacts: set blob_store"
                    + " (OBSERVATORY_BLOB_STORE) to filesystem or s3", null);
        }
        return tracking.blobs();
    }

    Tracking tracking() {
        return tracking;
    }

    void checkWritable(String action) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException(action);
        }
    }

}

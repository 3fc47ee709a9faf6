package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.Lineage;
import dev.observatory.core.artifact.LineageGraph;
import dev.observatory.core.artifact.Upload;
import dev.observatory.model.Page;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.blob.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Artifacts over REST: streamed upload ({@code PUT|POST /api/v1/runs/{id}/artifacts/{path...}}, optional
 * {@code X-Content-SHA256}, query {@code kind}, {@code step}, {@code epoch}), download with Range support, lists, one
 * artifact, lineage ({@code GET /api/v1/lineage/{kind}/{id}}) and the signed-link download of the filesystem store
 * ({@code GET /api/v1/blobs/signed?key=..&expires=..&sig=..}, reachable without an API key, for that key until expiry).
 */
final class ArtifactRoutes {
    /** Path prefix of uploads, exempt from the JSON body limit (they stream). */
    static final String RUNS = "/api/v1/runs/";
    static final String SIGNED = "/api/v1/blobs/signed";

    private final Tracking tracking;

    ArtifactRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Whether a request is an artifact upload (streamed; not held to the JSON body limit). */
    static boolean isUpload(String method, String path) {
        return (method.equals("PUT") || method.equals("POST")) && path.startsWith(RUNS)
                && path.indexOf("/artifacts/", RUNS.length()) > 0;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/runs/{id}/artifacts", this::list);
        r.add("PUT", "/api/v1/runs/{id}/artifacts/{path...}", this::upload);
        r.add("POST", "/api/v1/runs/{id}/artifacts/{path...}", this::upload);
        r.add("GET", "/api/v1/runs/{id}/artifacts/{path...}", this::downloadByPath);
        r.add("GET", "/api/v1/artifacts/{aid}", this::get);
        r.add("GET", "/api/v1/artifacts/{aid}/content", this::downloadById);
        r.add("GET", "/api/v1/lineage/{kind}/{id}", this::lineage);
        r.add("GET", SIGNED, this::signed);
    }

    private void upload(Call call) throws IOException {
        call.query().expect(Set.of("kind", "step", "epoch"));
        String kind = call.query().get("kind");
        String sha = call.request().getHeader("X-Content-SHA256");
        long length = call.request().getContentLengthLong();
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.upload(call.actor(),
                new Upload(call.path("id"), call.path("path"), call.body(), length, sha,
                        call.request().getContentType(), kind == null ? null : ArtifactKind.parse(kind),
                        call.query().longValue("step"), call.query().longValue("epoch"), null));
        call.bytes(201, "application/json", Json.MAPPER.writeValueAsBytes(view(a, artifacts)));
    }

    private void list(Call call) throws IOException {
        call.query().expect(Set.of("kind", "prefix", "sort", "descending", "limit", "cursor"));
        String kind = call.query().get("kind");
        String sort = call.query().get("sort");
        ArtifactQuery q = new ArtifactQuery(call.path("id"), null, kind == null ? null : ArtifactKind.parse(kind),
                call.query().get("prefix"), null, null, sort == null ? null : sort(sort),
                call.query().bool("descending", false), call.query().intValue("limit", 100, 1, Artifacts.MAX_PAGE), 0);
        Artifacts artifacts = new Artifacts(tracking);
        Page<Artifact> page = artifacts.list(q, call.query().get("cursor"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifacts", page.items().stream().map(a -> view(a, artifacts)).toList());
        out.put("next_cursor", page.nextCursor());
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private static ArtifactQuery.Sort sort(String s) {
        try {
            return ArtifactQuery.Sort.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sort must be one of path, step, created, size, got '" + s + "'");
        }
    }

    private void get(Call call) throws IOException {
        call.query().expect(Set.of());
        Artifacts artifacts = new Artifacts(tracking);
        call.bytes(200, "application/json",
                Json.MAPPER.writeValueAsBytes(view(artifacts.get(call.path("aid")), artifacts)));
    }

    private void downloadByPath(Call call) throws IOException {
        call.query().expect(Set.of());
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.find(call.path("id"), call.path("path"));
        Downloads.send(call, a.size(), a.contentType(), fileName(a.path()),
                (from, len) -> len < 0 ? artifacts.open(a) : artifacts.openRange(a, from, len));
    }

    private void downloadById(Call call) throws IOException {
        call.query().expect(Set.of());
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.get(call.path("aid"));
        Downloads.send(call, a.size(), a.contentType(), fileName(a.path()),
                (from, len) -> len < 0 ? artifacts.open(a) : artifacts.openRange(a, from, len));
    }

    private void signed(Call call) throws IOException {
        call.query().expect(Set.of("key", "expires", "sig"));
        String key = call.query().get("key");
        Long expires = call.query().longValue("expires");
        String sig = call.query().get("sig");
        if (key == null || expires == null || sig == null) {
            throw HttpError.badRequest("a signed link carries key, expires and sig: ask get_checkpoint_url for one");
        }
        String granted = tracking.blobs().verifyLink(key, expires, sig).orElseThrow(() -> new HttpError(403,
                "FORBIDDEN", "the link is invalid or expired: ask get_checkpoint_url for a new one"));
        BlobInfo info = tracking.blobs().stat(granted)
                .orElseThrow(() -> new NotFoundException("the linked object no longer exists"));
        Downloads.send(call, info.size(), info.contentType(), fileName(granted), (from,
                len) -> len < 0 ? tracking.blobs().open(granted) : tracking.blobs().openRange(granted, from, len));
    }

    private void lineage(Call call) throws IOException {
        call.query().expect(Set.of("depth", "limit"));
        EntityRef root = EntityRef.of(EntityKind.parse(call.path("kind")), call.path("id"));
        LineageGraph g = new Lineage(tracking).graph(root, call.query().intValue("depth", 1, 1, Lineage.MAX_DEPTH),
                call.query().intValue("limit", 100, 1, Lineage.MAX_NODES));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("root", root.key());
        out.put("nodes", g.nodes().stream().map(n -> Map.of("entity", n.ref().key(), "depth", n.depth())).toList());
        out.put("edges", g.edges().stream().map(e -> Map.of("from", e.from().key(), "relation", e.relation(), "to",
                e.to().key(), "source", e.source().wire(), "created_at", e.created().toString())).toList());
        out.put("truncated", g.truncated());
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    static Map<String, Object> view(Artifact a, Artifacts artifacts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("run_id", a.runId());
        m.put("project", a.project());
        m.put("path", a.path());
        m.put("kind", a.kind().wire());
        m.put("size", a.size());
        m.put("sha256", a.sha256());
        m.put("content_type", a.contentType());
        m.put("step", a.step());
        m.put("epoch", a.epoch());
        m.put("metadata", a.metadata());
        m.put("created_at", a.created().toString());
        m.put("storage_uri", artifacts.storageUri(a));
        m.put("download", "/api/v1/artifacts/" + a.id() + "/content");
        return m;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Streams content with Range support. */
    static final class Downloads {
        /** Opens the whole content (length -1) or a range. */
        @FunctionalInterface
        interface Opener {
            InputStream open(long from, long length);
        }

        private Downloads() {
        }

        static void send(Call call, long size, String contentType, String fileName, Opener opener) throws IOException {
            String range = call.request().getHeader("Range");
            long from = 0;
            long length = -1;
            int status = 200;
            if (range != null) {
                long[] r = parseRange(range, size);
                if (r == null) {
                    call.header("Content-Range", "bytes */" + size);
                    throw new HttpError(416, "RANGE_NOT_SATISFIABLE", "the Range '" + range + "' does not fit the "
                            + size + " bytes of the object: use e.g. bytes=0-1023");
                }
                from = r[0];
                length = r[1] - r[0] + 1;
                status = 206;
                call.header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
            }
            var resp = call.response();
            resp.setStatus(status);
            resp.setContentType(contentType == null ? "application/octet-stream" : contentType);
            resp.setContentLengthLong(length < 0 ? size : length);
            resp.setHeader("Accept-Ranges", "bytes");
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
            if (call.request().getMethod().equals("HEAD")) {
                return;
            }
            try (InputStream in = opener.open(from, length)) {
                OutputStream out = resp.getOutputStream();
                in.transferTo(out);
            }
        }

        /** [first, last] of a single "bytes=a-b", "bytes=a-" or "bytes=-n" range; null when unsatisfiable. */
        static long[] parseRange(String header, long size) {
            String h = header.trim();
            if (!h.startsWith("bytes=") || h.contains(",")) {
                throw HttpError
                        .badRequest("only one byte range is supported, e.g. Range: bytes=0-1023; got '" + header + "'");
            }
            String spec = h.substring(6).trim();
            int dash = spec.indexOf('-');
            try {
                if (dash < 0) {
                    throw new NumberFormatException();
                }
                String a = spec.substring(0, dash).trim();
                String b = spec.substring(dash + 1).trim();
                if (a.isEmpty()) {
                    long n = Long.parseLong(b);
                    return n <= 0 || size == 0 ? null : new long[] { Math.max(0, size - n), size - 1 };
                }
                long first = Long.parseLong(a);
                long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                return first >= size || last < first ? null : new long[] { first, last };
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("malformed Range '" + header + "': use e.g. bytes=0-1023");
            }
        }
    }

}

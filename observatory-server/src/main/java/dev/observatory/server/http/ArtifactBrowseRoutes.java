package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.CheckpointFiles;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.store.blob.SignedLink;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the artifacts page reads beyond {@link ArtifactRoutes}: an artifact's checkpoint header facts ({@code GET
 * /api/v1/artifacts/{aid}/header}), a time-limited download link ({@code GET
 * /api/v1/artifacts/{aid}/link?valid_for=seconds}) and storage usage grouped by project, run, kind or day
 * ({@code GET /api/v1/storage/usage?project=&run_id=&kind=&group_by=&limit=}).
 */
final class ArtifactBrowseRoutes {
    /** Default and longest validity of a link made by {@code /link}, in seconds. */
    static final int DEFAULT_LINK_SECONDS = 3600;
    private static final int MAX_GROUPS = 1000;

    private final Tracking tracking;

    ArtifactBrowseRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/artifacts/{aid}/header", this::header);
        r.add("GET", "/api/v1/artifacts/{aid}/link", this::link);
        r.add("GET", "/api/v1/storage/usage", this::usage);
    }

    private void header(Call call) throws IOException {
        call.query().expect(Set.of());
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.get(call.path("aid"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifact_id", a.id());
        if (isLocal(a)) {
            out.put("header", Map.of());
            out.put("note", "the file stays where the job wrote it (" + a.blobKey() + "); its header is not read");
        } else if (!artifacts.hasBlobs()) {
            out.put("header", Map.of());
            out.put("note", "no blob store is configured (setting blob_store)");
        } else {
            out.put("header", new CheckpointFiles(artifacts).header(a));
        }
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private void link(Call call) throws IOException {
        call.query().expect(Set.of("valid_for"));
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.get(call.path("aid"));
        if (isLocal(a)) {
            throw HttpError.badRequest("artifact " + a.id() + " stays where a local job wrote it (" + a.blobKey()
                    + ") and has no download link");
        }
        int seconds = call.query().intValue("valid_for", DEFAULT_LINK_SECONDS, 1, (int) Artifacts.MAX_LINK.toSeconds());
        SignedLink link = artifacts.link(a, Duration.ofSeconds(seconds));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("artifact_id", a.id());
        out.put("url", link.url().toString());
        out.put("expires_at", link.expires().toString());
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private void usage(Call call) throws IOException {
        call.query().expect(Set.of("project", "run_id", "kind", "group_by", "limit"));
        String kind = call.query().get("kind");
        String by = call.query().get("group_by");
        ArtifactUsage.GroupBy groupBy = by == null ? ArtifactUsage.GroupBy.KIND : groupBy(by);
        int limit = call.query().intValue("limit", 100, 1, MAX_GROUPS);
        ArtifactQuery q = new ArtifactQuery(call.query().get("run_id"), call.query().get("project"),
                kind == null ? null : ArtifactKind.parse(kind), null, null, null, null, false, 1, 0);
        Artifacts artifacts = new Artifacts(tracking);
        List<ArtifactUsage> total = artifacts.usage(q, ArtifactUsage.GroupBy.NONE);
        List<ArtifactUsage> groups = groupBy == ArtifactUsage.GroupBy.NONE ? List.of()
                : artifacts.usage(q, groupBy).stream().sorted(Comparator.comparingLong(ArtifactUsage::bytes).reversed()
                        .thenComparing(u -> String.valueOf(u.group()))).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group_by", groupBy.name().toLowerCase(Locale.ROOT));
        out.put("total", total.isEmpty() ? view(new ArtifactUsage(null, 0, 0, null, null, null, null, null, null))
                : view(total.get(0)));
        out.put("groups", groups.stream().limit(limit).map(ArtifactBrowseRoutes::view).toList());
        out.put("truncated", groups.size() > limit);
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private static ArtifactUsage.GroupBy groupBy(String s) {
        try {
            return ArtifactUsage.GroupBy.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("group_by must be one of project, run, kind, day, none; got '" + s + "'");
        }
    }

    private static Map<String, Object> view(ArtifactUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", u.group());
        m.put("count", u.count());
        m.put("bytes", u.bytes());
        m.put("min_step", u.minStep());
        m.put("max_step", u.maxStep());
        m.put("first_created", u.firstCreated() == null ? null : u.firstCreated().toString());
        m.put("last_created", u.lastCreated() == null ? null : u.lastCreated().toString());
        return m;
    }

    private static boolean isLocal(Artifact a) {
        return a.blobKey().startsWith("file:");
    }
}

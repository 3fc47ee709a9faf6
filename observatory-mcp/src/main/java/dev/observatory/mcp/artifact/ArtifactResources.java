package dev.observatory.mcp.artifact;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.Lineage;
import dev.observatory.core.artifact.LineageGraph;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.store.NotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact resources: {@code observatory://artifacts/{id}} (one artifact with its metadata) and
 * {@code observatory://lineage/{kind}/{id}} (an entity and its neighbours at depth 1, up to 200; an id containing '/'
 * is percent-encoded). Each reads as a JSON document; an unknown artifact or run is a "resource not found" error.
 */
public final class ArtifactResources {
    public static final String ARTIFACT = "observatory://artifacts/{id}";
    public static final String LINEAGE = "observatory://lineage/{kind}/{id}";

    private static final Pattern ARTIFACT_URI = Pattern.compile("observatory://artifacts/([^/]+)");
    private static final Pattern LINEAGE_URI = Pattern.compile("observatory://lineage/([^/]+)/([^/]+)");
    static final int NEIGHBOURS = 200;

    private ArtifactResources() {
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking) {
        return List.of(
                template(ARTIFACT, "artifact", "One artifact or checkpoint: path, kind, size, step, hash, metadata.",
                        ARTIFACT_URI, m -> artifact(tracking, decode(m.group(1)))),
                template(LINEAGE, "lineage",
                        "An entity (run, job, artifact, model_version, ...) and its direct" + " lineage neighbours.",
                        LINEAGE_URI,
                        m -> lineage(tracking, EntityRef.of(EntityKind.parse(m.group(1)), decode(m.group(2))))));
    }

    private static SyncResourceTemplateSpecification template(String uriTemplate, String name, String description,
            Pattern pattern, Function<Matcher, Map<String, Object>> reader) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(uriTemplate).name(name).title(name)
                .description(description).mimeType("application/json").build();
        return new SyncResourceTemplateSpecification(t, (exchange, req) -> {
            Matcher m = pattern.matcher(req.uri());
            if (!m.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(req.uri());
            }
            try {
                String json = Json.write(reader.apply(m));
                return new ReadResourceResult(List.of(new TextResourceContents(req.uri(), "application/json", json)));
            } catch (NotFoundException e) {
                throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                        .data(Map.of("uri", req.uri())).build();
            } catch (IllegalArgumentException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
            }
        });
    }

    static Map<String, Object> artifact(Tracking tracking, String id) {
        Artifacts artifacts = new Artifacts(tracking);
        Artifact a = artifacts.get(id);
        return Obj.of().with("artifact", ArtifactViews.full(a, artifacts)).with("lineage",
                "observatory://lineage/artifact/" + a.id());
    }

    static Map<String, Object> lineage(Tracking tracking, EntityRef ref) {
        LineageGraph g = new Lineage(tracking).graph(ref, 1, NEIGHBOURS + 1);
        List<String> neighbours = g.nodes().stream().filter(n -> n.depth() > 0).map(n -> n.ref().key()).toList();
        return Obj.of().with("entity", ref.key()).with("neighbours", neighbours)
                .with("edges", g.edges().stream().map(ArtifactViews::edge).toList()).with("truncated", g.truncated());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

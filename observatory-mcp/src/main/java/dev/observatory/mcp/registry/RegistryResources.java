package dev.observatory.mcp.registry;

import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.store.NotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry resources: {@code observatory://models} (the first 100 models by name), {@code observatory://models/{name}}
 * (a model with its 50 newest versions; a name containing '/' is percent-encoded) and
 * {@code observatory://versions/{id}} (one version with its lineage). Each reads as a JSON document; an unknown model
 * or version is a JSON-RPC "resource not found" error.
 */
public final class RegistryResources {
    public static final String MODELS = "observatory://models";
    public static final String MODEL = "observatory://models/{name}";
    public static final String VERSION = "observatory://versions/{id}";

    private static final Pattern MODEL_URI = Pattern.compile("observatory://models/([^/]+)");
    private static final Pattern VERSION_URI = Pattern.compile("observatory://versions/([^/]+)");
    static final int MODELS_LISTED = 100;
    static final int VERSIONS_LISTED = 50;

    private RegistryResources() {
    }

    public static List<SyncResourceSpecification> resources(Tracking tracking) {
        Resource r = Resource.builder().uri(MODELS).name("models").title("Registered models")
                .description("The model registry: the first 100 registered models by name, with aliases.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceSpecification(r, (exchange, req) -> read(req.uri(), () -> models(tracking))));
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking, Links links) {
        return List.of(
                template(MODEL, "model", "A registered model with its 50 newest versions.", MODEL_URI,
                        m -> model(tracking, decode(m.group(1)))),
                template(VERSION, "model-version",
                        "One model version: metrics snapshot, source, stage, aliases" + " and the run it came from.",
                        VERSION_URI, m -> version(tracking, links, m.group(1))));
    }

    private static SyncResourceTemplateSpecification template(String uriTemplate, String name, String description,
            Pattern pattern, java.util.function.Function<Matcher, Map<String, Object>> reader) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(uriTemplate).name(name).title(name)
                .description(description).mimeType("application/json").build();
        return new SyncResourceTemplateSpecification(t, (exchange, req) -> {
            Matcher m = pattern.matcher(req.uri());
            if (!m.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(req.uri());
            }
            return read(req.uri(), () -> reader.apply(m));
        });
    }

    private static ReadResourceResult read(String uri, Supplier<Map<String, Object>> reader) {
        try {
            String json = Json.write(reader.get());
            return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json", json)));
        } catch (NotFoundException e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                    .data(Map.of("uri", uri)).build();
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        }
    }

    static Map<String, Object> models(Tracking tracking) {
        Registry registry = new Registry(tracking);
        List<Obj> models = registry.findModels(ModelQuery.all(MODELS_LISTED)).stream().map(RegistryViews::model)
                .toList();
        return Obj.of().with("models", models).with("total", registry.countModels(ModelQuery.all(1)));
    }

    static Map<String, Object> model(Tracking tracking, String name) {
        Registry registry = new Registry(tracking);
        RegisteredModel m = registry.getModel(name);
        List<Obj> versions = registry.findVersions(VersionQuery.of(name, VERSIONS_LISTED)).stream()
                .map(RegistryViews::versionRow).toList();
        return Obj.of().with("model", RegistryViews.model(m)).with("versions", versions).with("version_count",
                registry.countVersions(VersionQuery.of(name, 1)));
    }

    static Map<String, Object> version(Tracking tracking, Links links, String id) {
        Registry registry = new Registry(tracking);
        ModelVersion v = registry.getVersionById(id);
        return Obj.of().with("version", RegistryViews.version(v)).with("run",
                registry.sourceRun(v).map(r -> RegistryViews.run(r, links)).orElse(null));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package dev.observatory.mcp.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.deploy.SystemHealth;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.store.NotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deployment resources: {@code observatory://deployments} (the newest {@link #LIMIT} deployments and the count),
 * {@code observatory://deployments/{id}} (one deployment, secrets as ***) and {@code observatory://health} (the state
 * of each part of the server, as health_check answers without a target).
 */
public final class DeploymentResources {
    public static final String DEPLOYMENTS = "observatory://deployments";
    public static final String DEPLOYMENT = "observatory://deployments/{id}";
    public static final String HEALTH = "observatory://health";
    static final int LIMIT = 100;
    private static final Pattern ID_URI = Pattern.compile("observatory://deployments/([A-Za-z0-9_-]{1,128})");

    private DeploymentResources() {
    }

    public static List<SyncResourceSpecification> resources(Tracking tracking) {
        Resource list = Resource.builder().uri(DEPLOYMENTS).name("deployments").title("Deployments")
                .description("Deployments of model versions on this host (local and staging), newest first: status,"
                        + " port, endpoint.")
                .mimeType("application/json").build();
        Resource health = Resource.builder().uri(HEALTH).name("health").title("Server health")
                .description("Store, blob store, job executor, deployment runtime, docker and release repository:"
                        + " each ok, disabled or down.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceSpecification(list, (exchange, req) -> read(req.uri(), () -> list(tracking))),
                new SyncResourceSpecification(health, (exchange, req) -> read(req.uri(), () -> health(tracking))));
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(DEPLOYMENT).name("deployment").title("deployment")
                .description("One deployment: version, command, port, status and its message.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceTemplateSpecification(t, (exchange, req) -> {
            Matcher m = ID_URI.matcher(req.uri());
            if (!m.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(req.uri());
            }
            return read(req.uri(), () -> DeploymentViews.deployment(new Deployments(tracking).get(m.group(1))));
        }));
    }

    static Map<String, Object> list(Tracking tracking) {
        Deployments d = new Deployments(tracking);
        List<Deployment> page = d.list(null, null, LIMIT, 0);
        long total = d.count(null, null);
        return Obj.of().with("total", total).with("deployments", page.stream().map(DeploymentViews::summary).toList())
                .with("truncated", total > page.size());
    }

    static Map<String, Object> health(Tracking tracking) {
        List<SystemHealth.Check> checks = SystemHealth.check(tracking);
        return Obj.of().with("healthy", checks.stream().noneMatch(c -> c.status().equals("down"))).with("checks",
                checks.stream()
                        .map(c -> Obj.of().with("name", c.name()).with("status", c.status()).with("detail", c.detail()))
                        .toList());
    }

    private static ReadResourceResult read(String uri, Supplier<Map<String, Object>> reader) {
        try {
            return new ReadResourceResult(
                    List.of(new TextResourceContents(uri, "application/json", Json.write(reader.get()))));
        } catch (NotFoundException e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                    .data(Map.of("uri", uri)).build();
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        }
    }
}

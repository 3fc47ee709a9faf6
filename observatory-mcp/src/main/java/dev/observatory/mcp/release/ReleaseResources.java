package dev.observatory.mcp.release;

import dev.observatory.core.Tracking;
import dev.observatory.core.release.MachineTopology;
import dev.observatory.core.release.ReleaseConfig;
import dev.observatory.core.release.ReleaseSnapshot;
import dev.observatory.core.release.Releases;
import dev.observatory.core.release.Topology;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
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
 * Production topology resources: {@code observatory://production} (every machine's GPU allocation, the first
 * {@link #MACHINES} machines, and the conflicts) and {@code observatory://production/{machine}} (one machine's config,
 * allocation and conflicts). No release repository or an unknown machine is a "resource not found" error.
 */
public final class ReleaseResources {
    public static final String PRODUCTION = "observatory://production";
    public static final String MACHINE = "observatory://production/{machine}";
    static final int MACHINES = 200;
    private static final Pattern MACHINE_URI = Pattern.compile("observatory://production/([A-Za-z0-9._-]{1,128})");

    private ReleaseResources() {
    }

    public static List<SyncResourceSpecification> resources(Tracking tracking) {
        Resource r = Resource.builder().uri(PRODUCTION).name("production").title("Production topology")
                .description("The production topology from the GitOps release configs: machines, GPU allocation,"
                        + " free GPUs and conflicts.")
                .mimeType("application/json").build();
        return List
                .of(new SyncResourceSpecification(r, (exchange, req) -> read(req.uri(), () -> production(tracking))));
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking) {
        ResourceTemplate t = ResourceTemplate.builder().uriTemplate(MACHINE).name("production-machine")
                .title("production machine")
                .description("One production machine: its release config (deployments, YAML), GPU allocation and"
                        + " conflicts.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceTemplateSpecification(t, (exchange, req) -> {
            Matcher m = MACHINE_URI.matcher(req.uri());
            if (!m.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(req.uri());
            }
            return read(req.uri(), () -> machine(tracking, m.group(1)));
        }));
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

    static Map<String, Object> production(Tracking tracking) {
        Topology t = new Releases(tracking).topology(null);
        List<Obj> machines = t.machines().stream().limit(MACHINES)
                .map(m -> Obj.of().with("machine", m.machine()).with("gpus", m.gpuCount())
                        .with("free_gpus", m.freeGpus())
                        .with("deployments", m.deployments().stream()
                                .map(d -> d.name() + " " + d.model() + ":" + d.version()).toList())
                        .with("conflicts", m.conflicts().size()))
                .toList();
        return Obj.of().with("branch", t.branch()).with("commit_id", t.commitId())
                .with("machine_count", t.machines().size()).with("gpus", t.gpuCount())
                .with("free_gpus", t.freeGpuCount()).with("deployments", t.deploymentCount()).with("machines", machines)
                .with("truncated", t.machines().size() > MACHINES)
                .with("conflicts", t.conflicts().stream().limit(100).map(ReleaseViews::conflict).toList());
    }

    static Map<String, Object> machine(Tracking tracking, String name) {
        Releases releases = new Releases(tracking);
        ReleaseConfig c = releases.config(name);
        MachineTopology m = releases.topology(c.machine()).machines().get(0);
        ReleaseSnapshot s = releases.snapshot();
        return Obj.of().with("machine", c.machine()).with("file", c.path()).with("gpus", c.gpuCount())
                .with("gpu_type", c.gpuType()).with("free_gpus", m.freeGpus())
                .with("deployments", c.deployments().stream().map(ReleaseViews::deployment).toList())
                .with("conflicts", m.conflicts().stream().map(ReleaseViews::conflict).toList())
                .with("yaml", s.texts().get(c.path())).with("commit_id", s.commitId());
    }
}

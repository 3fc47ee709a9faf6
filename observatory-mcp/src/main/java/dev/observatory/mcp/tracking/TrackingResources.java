package dev.observatory.mcp.tracking;

import dev.observatory.core.ProjectInfo;
import dev.observatory.core.RunListRequest;
import dev.observatory.core.Tracking;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
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
 * Resources with URI templates: {@code observatory://projects/{name}}, {@code observatory://runs/{id}} and
 * {@code observatory://runs/{id}/metrics/{key}} (a key containing '/' is percent-encoded, e.g. {@code val%2Floss}).
 * Each reads as a JSON document. An unknown project, run or key is a JSON-RPC "resource not found" error.
 */
public final class TrackingResources {
    public static final String PROJECT = "observatory://projects/{name}";
    public static final String RUN = "observatory://runs/{id}";
    public static final String METRIC = "observatory://runs/{id}/metrics/{key}";

    private static final Pattern PROJECT_URI = Pattern.compile("observatory://projects/([^/]+)");
    private static final Pattern RUN_URI = Pattern.compile("observatory://runs/([^/]+)");
    private static final Pattern METRIC_URI = Pattern.compile("observatory://runs/([^/]+)/metrics/([^/]+)");
    private static final int RECENT_RUNS = 20;

    private TrackingResources() {
    }

    public static List<SyncResourceTemplateSpecification> templates(Tracking tracking, Links links) {
        return List.of(
                template(PROJECT, "project", "A project: description, run count and its 20 newest runs.", PROJECT_URI,
                        m -> project(tracking, links, decode(m.group(1)))),
                template(RUN, "run", "A run: attributes, params, metric summaries and log size (like get_run).",
                        RUN_URI, m -> run(tracking, links, decode(m.group(1)))),
                template(METRIC, "metric", "One metric series of a run: summary and up to 200 downsampled points.",
                        METRIC_URI, m -> GetRunMetricsTool.read(tracking, links, decode(m.group(1)), decode(m.group(2)),
                                null, null, 200)));
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

    static Map<String, Object> project(Tracking tracking, Links links, String name) {
        ProjectInfo p = tracking.getProject(name);
        List<Obj> runs = tracking
                .listRuns(new RunListRequest(RunQuery.all(name, RECENT_RUNS), List.of(), null, RECENT_RUNS)).rows()
                .stream().map(r -> RunViews.row(r.run(), Map.of(), List.of(), links)).toList();
        return Obj.of().with("name", p.name()).with("description", p.description()).with("run_count", p.runCount())
                .with("created_at", Json.time(p.createdAt())).with("recent_runs", runs)
                .with("url", links.project(p.name()));
    }

    static Map<String, Object> run(Tracking tracking, Links links, String id) {
        Run r = tracking.getRun(id);
        List<Obj> metrics = tracking.metricSummaries(id).stream().map((MetricSummary s) -> RunViews.summary(s))
                .toList();
        return Obj.of().with("run", RunViews.detail(r, tracking.clock().instant(), links)).with("metrics", metrics)
                .with("log_lines", tracking.store().logs().lineCount(id));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

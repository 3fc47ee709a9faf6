package dev.observatory.mcp.apm;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.apm.Apm;
import dev.observatory.core.apm.ServiceMap;
import dev.observatory.core.apm.ServiceMapImage;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.tool.ToolImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** get_service_map: the service dependency graph from spans, as data and as a PNG. */
final class ServiceMapTool {
    private ServiceMapTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("service", "Only the edges from or to this service.").between(1, 256)
                        .example("\"checkout-api\""),
                ApmArgs.last("1h"), ApmArgs.from(), ApmArgs.to(), ApmArgs.limit("edges, busiest first", 200, 50),
                Param.bool("image", "Also return the map as a PNG image content block.").defaultsTo(true));
        Map<String, Object> node = Schemas.object("a service").prop("service", string(null), true)
                .prop("requests", integer("requests it served (entry spans)"), true)
                .prop("rate_per_s", number(null), true).prop("error_rate", number(null), true)
                .prop("p95_ms", number(null)).build();
        Map<String, Object> edge = Schemas.object("calls from caller to callee").prop("caller", string(null), true)
                .prop("callee", string(null), true).prop("calls", integer(null), true)
                .prop("rate_per_s", number(null), true).prop("errors", integer(null), true)
                .prop("error_rate", number(null), true).prop("p50_ms", number("callee span duration"), true)
                .prop("p95_ms", number(null), true).build();
        Map<String, Object> out = Schemas.object("service map").prop("from", string("ISO-8601"), true)
                .prop("to", string("ISO-8601"), true).prop("nodes", array(node, "by requests descending"), true)
                .prop("edges", array(edge, "by calls descending"), true)
                .prop("image", string("how the image was returned, when asked for"))
                .prop("truncated", bool("more edges than the limit or the output budget"), true).build();
        return new ToolDef("get_service_map", "ops", "Get the service map",
                "The service dependency graph of a window (default: the last hour), derived from spans whose parent"
                        + " span belongs to another service: each edge caller -> callee with call rate, error rate"
                        + " and p50/p95 latency (of the callee's span), each service with its request rate, error"
                        + " rate and p95. Returned as data and, unless image=false, as a PNG image (layered left to"
                        + " right from the entry services; red > 5% errors, amber > 1%).",
                in, out, Hints.READ_ONLY, ServiceMapTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        ServiceMap map = new Apm(ctx.tracking()).serviceMap(ApmArgs.window(args, ctx), args.string("service"),
                args.intValue("limit"));
        List<Obj> nodes = new ArrayList<>();
        for (ServiceMap.Node n : map.nodes()) {
            nodes.add(Obj.of().with("service", n.service()).with("requests", n.red().requests())
                    .with("rate_per_s", ApmArgs.round(n.red().ratePerSecond()))
                    .with("error_rate", ApmArgs.round(n.red().errorRate()))
                    .with("p95_ms", n.red().requests() == 0 ? null : ApmArgs.round(n.red().p95Ms())));
        }
        List<Obj> edges = new ArrayList<>();
        for (ServiceMap.Edge e : map.edges()) {
            edges.add(Obj.of().with("caller", e.caller()).with("callee", e.callee()).with("calls", e.calls())
                    .with("rate_per_s", ApmArgs.round(e.ratePerSecond())).with("errors", e.errors())
                    .with("error_rate", ApmArgs.round(e.errorRate())).with("p50_ms", ApmArgs.round(e.p50Ms()))
                    .with("p95_ms", ApmArgs.round(e.p95Ms())));
        }
        Obj base = Obj.of().with("from", map.window().from().toString()).with("to", map.window().to().toString())
                .with("nodes", nodes);
        int n = ctx.budget().fit(base, edges);
        Obj answer = base.with("edges", edges.subList(0, n)).with("truncated", map.truncated() || n < edges.size());
        if (args.bool("image")) {
            answer.with("image", "image/png content block after this JSON");
            ToolImage.attach(answer, ToolImage.png(ServiceMapImage.png(map)));
        }
        return answer;
    }
}

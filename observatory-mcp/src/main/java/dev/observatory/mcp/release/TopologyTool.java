package dev.observatory.mcp.release;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.release.MachineTopology;
import dev.observatory.core.release.Releases;
import dev.observatory.core.release.Topology;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** get_machine_topology: GPU allocation per machine, free GPUs and conflicts. */
final class TopologyTool {
    private static final int MAX_CONFLICTS = 100;

    private TopologyTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("machine", "Only this machine.").between(1, 128).example("\"gpu-worker-01\""),
                Param.bool("only_with_conflicts", "Only machines that have conflicts.").defaultsTo(false),
                Param.integer("limit", "Most machines to return (1-200).").between(1, 200).defaultsTo(50),
                PageCursor.param());
        Map<String, Object> allocation = Schemas.object("one allocated GPU").prop("gpu", integer(null), true)
                .prop("deployments", array(string(null), "more than one is a conflict"), true).build();
        Map<String, Object> port = Schemas.object("one used port").prop("port", integer(null), true)
                .prop("deployment", string(null), true).build();
        Map<String, Object> machine = Schemas.object("one machine's allocation").prop("machine", string(null), true)
                .prop("file", string(null), true).prop("environment", string(null), true).prop("gpu_type", string(null))
                .prop("gpus", integer("GPUs on the machine"), true).prop("allocated_gpus", integer(null), true)
                .prop("free_gpus", array(integer(null), "GPU ids no deployment holds"), true)
                .prop("allocations", array(allocation, "by GPU id"), true).prop("ports", array(port, "by port"), true)
                .prop("deployments", integer(null), true).prop("conflicts", integer("conflicts on this machine"), true)
                .build();
        Map<String, Object> totals = Schemas.object("totals over every machine").prop("machines", integer(null), true)
                .prop("gpus", integer(null), true).prop("free_gpus", integer(null), true)
                .prop("deployments", integer(null), true).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("production GPU topology")
                .prop("branch", string(null), true).prop("commit_id", string(null), true).prop("totals", totals, true)
                .prop("conflicts", array(ReleaseViews.CONFLICT, "every conflict (first 100)"), true)
                .prop("conflicts_truncated", bool("more than 100 conflicts"))
                .prop("machines", array(machine, "machines of this page"), true)
                .prop("total", integer("machines matching"), true)).build();
        return new ToolDef("get_machine_topology", ReleaseReadTools.RELEASE, "Get the machine topology",
                "The production GPU topology from the release configs: per machine its GPUs, which deployment holds"
                        + " each, the free GPU ids and used ports, and every conflict (a GPU assigned twice, a GPU the"
                        + " machine does not have, a port clash, a model version the registry does not know, an"
                        + " unknown template, an unreadable file with its line). Check it before"
                        + " propose_release_config to pick free GPUs and ports.",
                in, out, Hints.READ_ONLY, TopologyTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        Topology all = new Releases(ctx.tracking()).topology(null);
        Topology t = args.has("machine") ? new Releases(ctx.tracking()).topology(args.string("machine")) : all;
        List<MachineTopology> machines = t.machines().stream()
                .filter(m -> !args.bool("only_with_conflicts") || !m.conflicts().isEmpty()).toList();
        int offset = (int) Math.min(machines.size(), PageCursor.offset(args, ctx));
        List<Obj> rows = machines.subList(offset, Math.min(machines.size(), offset + args.intValue("limit"))).stream()
                .map(TopologyTool::machine).toList();
        List<Obj> conflicts = t.conflicts().stream().limit(MAX_CONFLICTS).map(ReleaseViews::conflict).toList();
        Obj totals = Obj.of().with("machines", all.machines().size()).with("gpus", all.gpuCount())
                .with("free_gpus", all.freeGpuCount()).with("deployments", all.deploymentCount());
        Obj base = Obj.of().with("totals", totals).with("conflicts", conflicts);
        int n = ctx.budget().fit(base, rows);
        boolean more = offset + n < machines.size();
        return Obj.of().with("branch", t.branch()).with("commit_id", t.commitId()).with("totals", totals)
                .with("conflicts", conflicts)
                .with("conflicts_truncated", t.conflicts().size() > MAX_CONFLICTS ? Boolean.TRUE : null)
                .with("machines", rows.subList(0, n)).with("total", machines.size()).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    private static Obj machine(MachineTopology m) {
        List<Obj> ports = new TreeMap<>(m.ports()).entrySet().stream()
                .map(e -> Obj.of().with("port", e.getKey()).with("deployment", e.getValue())).toList();
        return Obj.of().with("machine", m.machine()).with("file", m.file()).with("environment", m.environment())
                .with("gpu_type", m.gpuType()).with("gpus", m.gpuCount()).with("allocated_gpus", m.allocatedGpus())
                .with("free_gpus", m.freeGpus())
                .with("allocations",
                        m.allocations().stream()
                                .map(a -> Obj.of().with("gpu", a.gpu()).with("deployments", a.deployments())).toList())
                .with("ports", ports).with("deployments", m.deployments().size())
                .with("conflicts", m.conflicts().size());
    }
}

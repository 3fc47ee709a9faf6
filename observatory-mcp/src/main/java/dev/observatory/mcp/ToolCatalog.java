package dev.observatory.mcp;

import dev.observatory.mcp.analysis.AnalysisTools;
import dev.observatory.mcp.apm.ApmTools;
import dev.observatory.mcp.artifact.ArtifactToolset;
import dev.observatory.mcp.dataset.DatasetToolset;
import dev.observatory.mcp.registry.RegistryTools;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.trace.TraceTools;
import dev.observatory.mcp.tracking.TrackingTools;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every tool of every toolset. Each issue that adds tools appends its toolset's list here; the catalogue checks that
 * names are unique and that no toolset grows past {@link #MAX_PER_TOOLSET} tools.
 */
public final class ToolCatalog {
    public static final int MAX_PER_TOOLSET = 25;

    private ToolCatalog() {
    }

    /** All tools in catalogue order (built once: tool definitions are immutable). */
    public static List<ToolDef> all() {
        return Built.ALL;
    }

    /** Holder: the catalogue is built on first use, by whichever thread comes first (the stdio warm-up thread). */
    private static final class Built {
        static final List<ToolDef> ALL = build();
    }

    private static List<ToolDef> build() {
        List<ToolDef> all = new ArrayList<>();
        all.add(ListToolsetsTool.definition());
        all.addAll(TrackingTools.all());
        all.addAll(RegistryTools.all());
        all.addAll(ArtifactToolset.all());
        all.addAll(AnalysisTools.all());
        all.addAll(TraceTools.all());
        all.addAll(dev.observatory.mcp.metrics.MetricsTools.all());
        all.addAll(DatasetToolset.all());
        all.addAll(ApmTools.all());
        all.addAll(dev.observatory.mcp.ops.OpsTools.all());
        all.addAll(dev.observatory.mcp.job.JobToolset.all());
        all.addAll(dev.observatory.mcp.release.ReleaseTools.all());
        all.addAll(dev.observatory.mcp.deploy.DeployTools.all());
        all.addAll(dev.observatory.mcp.query.QueryTools.all());
        all.addAll(dev.observatory.mcp.eval.EvalTools.all());
        check(all);
        return List.copyOf(all);
    }

    static void check(List<ToolDef> tools) {
        Set<String> names = new HashSet<>();
        for (ToolDef t : tools) {
            if (!names.add(t.name())) {
                throw new IllegalStateException("two tools are named " + t.name());
            }
            for (String ts : t.alsoIn()) {
                if (!Toolsets.names().contains(ts)) {
                    throw new IllegalStateException("tool " + t.name() + " is also listed in unknown toolset " + ts);
                }
            }
            if (!Toolsets.names().contains(t.toolset())) {
                throw new IllegalStateException("tool " + t.name() + " is in unknown toolset " + t.toolset());
            }
        }
        Map<String, Long> sizes = tools.stream()
                .flatMap(t -> Stream.concat(Stream.of(t.toolset()), t.alsoIn().stream()))
                .collect(Collectors.groupingBy(ts -> ts, Collectors.counting()));
        sizes.forEach((ts, n) -> {
            if (n > MAX_PER_TOOLSET) {
                throw new IllegalStateException(
                        "toolset " + ts + " has " + n + " tools; split it (max " + MAX_PER_TOOLSET + ")");
            }
        });
    }
}

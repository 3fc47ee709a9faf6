package dev.observatory.mcp.analysis;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.analysis.ObservabilityExport;
import dev.observatory.core.analysis.ObservabilityOptions;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.tool.ToolImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * export_observability_report: the get_training_observability answer as JSON, a Markdown summary and PNG charts of the
 * key metrics, written to the blob store as the run's report artifacts; the primary metric's chart comes back as image
 * content.
 */
final class ReportTool {
    static final Hints HINTS = new Hints(false, false, false, false);

    private ReportTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(AnalysisArgs.runId(), AnalysisArgs.metric("Primary metric."),
                AnalysisArgs.direction(),
                Param.integer("log_lines", "Log tail to analyse (every WARN/ERROR line is analysed too).")
                        .between(100, 100_000).defaultsTo(10_000),
                Param.number("pass_threshold", "Overall score a run needs to pass (0-100).").between(0, 100).defaultsTo(
                        70.0),
                Param.bool("include_evaluation", "Add the grade (A-F) and pass/fail.").defaultsTo(true),
                Param.bool("include_next_experiment", "Add the suggested next experiment.").defaultsTo(true),
                Param.integer("link_expires_in_seconds", "Validity of the download links.").between(60, 604_800)
                        .defaultsTo(86_400),
                Param.bool("image", "Return the primary metric's chart as a PNG image content block.")
                        .defaultsTo(true));
        Map<String, Object> file = Schemas.object("one written file (an artifact of the run, kind report)")
                .prop("role", AnalysisSchemas.enumOf(null, "json", "markdown", "chart"), true)
                .prop("path", string("path within the run"), true).prop("metric", string("the metric a chart shows"))
                .prop("artifact_id", string(null), true).prop("uri", string("observatory://artifacts/{id}"), true)
                .prop("storage_uri", string("where the bytes are"), true).prop("size", integer("bytes"), true)
                .prop("download_url", string("time-limited link; absent when the blob store cannot sign one")).build();
        Map<String, Object> out = Schemas.object("the exported report").prop("run_id", string(null), true)
                .prop("health", AnalysisSchemas.HEALTH, true).prop("overall_score", Schemas.number(null), true)
                .prop("prefix", string("folder of the report within the run's artifacts"), true)
                .prop("files", array(file, "report.json, report.md, then the charts"), true)
                .prop("image", string("how the main chart was returned, when it was"))
                .prop("truncated", bool(null), true).build();
        return new ToolDef("export_observability_report", Toolsets.ANALYSIS, "Export an observability report",
                "Writes a run's observability report to the blob store as artifacts of the run (kind report, under"
                        + " reports/observability-<time>/): report.json (the get_training_observability answer with"
                        + " evaluation and next experiment), report.md (a Markdown summary) and a PNG chart of each key"
                        + " metric (primary, eval counterpart, throughput). Returns the files with artifact ids and"
                        + " download links, and the primary metric's chart as image content. Needs a configured blob"
                        + " store; refused in read-only mode.",
                in, out, HINTS, ReportTool::handle);
    }

    static Map<String, Object> handle(Args a, ToolContext ctx) {
        ObservabilityOptions o = new ObservabilityOptions(a.string("metric"), AnalysisArgs.direction(a),
                a.intValue("log_lines"), a.number("pass_threshold"), a.bool("include_evaluation"),
                a.bool("include_next_experiment"), false, 5);
        ObservabilityExport.Exported e = new ObservabilityExport(ctx.tracking()).export(ctx.actor(), a.string("run_id"),
                o, t -> {
                    Obj doc = Obj.of().with("schema", ObservabilityTool.SCHEMA_ID);
                    doc.putAll(AnalysisViews.of(t));
                    doc.put("truncated", false);
                    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
                }, Duration.ofSeconds(a.intValue("link_expires_in_seconds")));
        List<Obj> files = new ArrayList<>();
        for (ObservabilityExport.ExportedFile f : e.files()) {
            files.add(Obj.of().with("role", f.role()).with("path", f.artifact().path()).with("metric", f.metric())
                    .with("artifact_id", f.artifact().id()).with("uri", "observatory://artifacts/" + f.artifact().id())
                    .with("storage_uri", f.storageUri()).with("size", f.artifact().size())
                    .with("download_url", f.link()));
        }
        Obj out = Obj.of().with("run_id", e.observability().run().id()).with("health", e.observability().health())
                .with("overall_score", e.observability().scores().overall()).with("prefix", e.prefix())
                .with("files", files).with("truncated", false);
        if (a.bool("image") && e.mainChart() != null) {
            out.with("image", "image/png content block after this JSON (the primary metric)");
            ToolImage.attach(out, ToolImage.png(e.mainChart()));
        }
        return out;
    }
}

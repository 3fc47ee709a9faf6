package dev.observatory.mcp.dataset;

import static dev.observatory.mcp.dataset.ConfigTools.DATASETS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.dataset.DatasetChange;
import dev.observatory.core.dataset.DatasetDiagnosis;
import dev.observatory.core.dataset.Datasets;
import dev.observatory.core.dataset.DiagnosisProgress;
import dev.observatory.core.dataset.ImproveOptions;
import dev.observatory.core.dataset.ImprovementPlan;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.dataset.Dataset;
import java.util.List;
import java.util.Map;

/** register_dataset, list_datasets, diagnose_dataset and auto_improve_dataset. */
final class DatasetTools {
    private DatasetTools() {
    }

    static Param dataset() {
        return Param
                .string("dataset",
                        "A registered dataset's name, or a folder inside the dataset roots"
                                + " (relative paths are relative to the first root).")
                .required().between(1, 4096).example("\"pets\"");
    }

    static ToolDef register() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Unique dataset name.").required().between(1, 100).example("\"pets\""),
                Param.string("path", "Folder inside the dataset roots; or give archive.").between(1, 4096)
                        .example("\"pets\""),
                Param.string("archive",
                        "A .zip, .tar, .tar.gz or .tgz inside the dataset roots, extracted into"
                                + " <first root>/<name>.")
                        .between(1, 4096).example("\"uploads/pets.zip\""),
                Param.string("description", "What the data is.").between(1, 1000));
        Map<String, Object> out = Schemas.object("the registered dataset").prop("dataset", DatasetViews.DATASET, true)
                .build();
        return new ToolDef("register_dataset", DATASETS, "Register a dataset",
                "Register a dataset folder (or extract an uploaded archive into a new folder) under a name, with its"
                        + " kind (image, text, mixed) and file counts. Paths outside the configured dataset_roots are"
                        + " refused. Then diagnose_dataset checks it. Needs write access.",
                in, out, new Hints(false, false, false, false), DatasetTools::registerDataset);
    }

    static Map<String, Object> registerDataset(Args args, ToolContext ctx) {
        Datasets datasets = new Datasets(ctx.tracking());
        String path = args.string("path");
        String archive = args.string("archive");
        if ((path == null) == (archive == null)) {
            throw new IllegalArgumentException("give exactly one of path (a folder) or archive (a .zip or .tar.gz)");
        }
        Dataset d = path != null ? datasets.register(ctx.actor(), args.string("name"), path, args.string("description"))
                : datasets.registerArchive(ctx.actor(), args.string("name"), archive, args.string("description"));
        return Obj.of().with("dataset", DatasetViews.dataset(d));
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(
                Param.integer("limit", "Most datasets to return.").between(1, 200).defaultsTo(50L), PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("registered datasets")
                .prop("datasets", array(DatasetViews.DATASET, "by name"), true).prop("total", integer(null), true)
                .prop("roots", array(string(null), "the configured dataset_roots"), true)).build();
        return new ToolDef("list_datasets", DATASETS, "List datasets",
                "List registered datasets by name with path, kind, source and file counts, and the dataset roots"
                        + " new datasets may be registered under.",
                in, out, Hints.READ_ONLY, DatasetTools::listDatasets);
    }

    static Map<String, Object> listDatasets(Args args, ToolContext ctx) {
        Datasets datasets = new Datasets(ctx.tracking());
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        List<Dataset> page = datasets.list(limit + 1, offset);
        List<Obj> rows = page.stream().limit(limit).map(DatasetViews::dataset).toList();
        int n = ctx.budget().fit(Obj.of().with("total", 0), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("datasets", rows.subList(0, n)).with("total", datasets.count())
                .with("roots", datasets.settings().datasetRoots().stream().map(Object::toString).toList())
                .with("truncated", more).with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef diagnose() {
        InputSchema in = InputSchema.of(dataset(),
                Param.string("text_field",
                        "JSONL/CSV field whose lengths to report (default: the longest string" + " field).")
                        .between(1, 200),
                Param.string("label_field", "Field whose balance to report (default: label, class, category, ...).")
                        .between(1, 200),
                Param.integer("max_examples", "Most file paths listed per finding (counts stay exact).").between(0, 500)
                        .defaultsTo(20L));
        Map<String, Object> out = Schemas.object("the diagnosis").prop("path", string(null), true)
                .prop("kind", string("image, text, mixed or empty"), true).prop("files", integer(null), true)
                .prop("findings", array(string(null), "one line per problem, most serious first"), true)
                .prop("images", DatasetViews.imageSchema()).prop("text", DatasetViews.textSchema())
                .prop("duration_ms", integer(null), true).build();
        return new ToolDef("diagnose_dataset", DATASETS, "Diagnose a dataset",
                "Check a dataset before training. Images: corrupt or truncated files (headers decoded, no pixels),"
                        + " missing or empty captions (.txt/.caption sidecars), duplicates by content hash, resolution"
                        + " and aspect-ratio histograms, caption lengths. JSONL/CSV/TSV: inferred schema, empty,"
                        + " duplicate and unparsable rows, text lengths, label balance. auto_improve_dataset fixes"
                        + " the image findings and JSONL/CSV/TSV rows.",
                in, out, Hints.READ_ONLY, DatasetTools::diagnoseDataset);
    }

    /** The scan's progress as MCP progress notifications (files done of files found). */
    static DiagnosisProgress progress(ToolContext ctx) {
        return (done, total, message) -> ctx.progress().report(done, total > 0 ? (double) total : null, message);
    }

    static Map<String, Object> diagnoseDataset(Args args, ToolContext ctx) {
        DatasetDiagnosis d = new Datasets(ctx.tracking()).diagnose(args.string("dataset"), args.string("text_field"),
                args.string("label_field"), progress(ctx));
        int max = args.intValue("max_examples");
        return Obj.of().with("path", d.path()).with("kind", d.kind()).with("files", d.files())
                .with("findings", d.findings())
                .with("images", d.images() == null ? null : DatasetViews.images(d.images(), max))
                .with("text", d.text() == null ? null : DatasetViews.text(d.text()))
                .with("duration_ms", d.durationMs());
    }

    static ToolDef improve() {
        InputSchema in = InputSchema.of(dataset(),
                Param.bool("apply", "false (default): only plan; true: make the changes.").defaultsTo(false), Param
                        .bool("quarantine_corrupt",
                                "Move corrupt and truncated images (and their captions) to the quarantine; drop blank"
                                        + " rows from JSONL/CSV/TSV files and invalid-JSON lines from JSONL.")
                        .defaultsTo(true),
                Param.bool("dedupe",
                        "Move duplicate images (all but the first of each group) to the quarantine;"
                                + " drop repeated rows from JSONL/CSV/TSV files (a CSV header stays).")
                        .defaultsTo(true),
                Param.bool("fill_missing_captions", "Write a caption for images without one.").defaultsTo(true),
                Param.bool("fill_empty_captions", "Replace blank captions (the old file is quarantined).")
                        .defaultsTo(true),
                Param.string("caption_template",
                        "Text of filled captions; {name} is the file name (with '_' and"
                                + " '-' as spaces), {folder} its folder.")
                        .between(1, 1000).defaultsTo("{name}").example("\"a photo of {name}\""),
                Param.string("undo_run_id", "Undo an applied run instead (its run_id): everything moves back.")
                        .between(1, 40).example("\"20250601T100500Z\""),
                Param.integer("max_changes", "Most changes listed (counts stay exact).").between(0, 2000)
                        .defaultsTo(100L));
        Map<String, Object> change = Schemas.object("one change")
                .prop("action", string("quarantine, write_caption or remove_rows"), true)
                .prop("path", string(null), true).prop("to", string("quarantine target"))
                .prop("text", string("caption written, or which rows go")).prop("reason", string(null), true).build();
        Map<String, Object> out = Schemas.object("the plan, the applied changes, or the undone ones")
                .prop("path", string(null), true).prop("applied", bool("true when files were changed"), true)
                .prop("undone", bool("true for an undo")).prop("change_count", integer(null), true)
                .prop("counts", DatasetViews.COUNTS, true).prop("changes", array(change, "in order"), true)
                .prop("run_id", string("pass as undo_run_id to reverse this run"))
                .prop("manifest", string("manifest file, relative to the dataset")).build();
        return new ToolDef("auto_improve_dataset", DATASETS, "Improve a dataset (reversible)",
                "Plan (default, a dry run) or apply fixes to a dataset: quarantine corrupt images and"
                        + " duplicates into <dataset>/.quarantine/<run_id>/, write missing captions and replace empty"
                        + " ones from a template; rewrite JSONL/CSV/TSV files without blank, invalid-JSON and repeated rows"
                        + " (the original goes to the quarantine, kept rows stay byte for byte). Nothing is ever deleted; every change is listed and written to a"
                        + " manifest, and undo_run_id reverses an applied run. apply and undo need write access.",
                in, out, new Hints(false, true, false, false), DatasetTools::improveDataset);
    }

    static Map<String, Object> improveDataset(Args args, ToolContext ctx) {
        Datasets datasets = new Datasets(ctx.tracking());
        int max = args.intValue("max_changes");
        if (args.string("undo_run_id") != null) {
            List<DatasetChange> undone = datasets.undo(ctx.actor(), args.string("dataset"), args.string("undo_run_id"));
            return Obj.of().with("path", datasets.folder(args.string("dataset")).toString()).with("applied", true)
                    .with("undone", true).with("change_count", undone.size()).with("counts", Map.of())
                    .with("changes", changes(undone, max)).with("run_id", args.string("undo_run_id"));
        }
        ImproveOptions options = new ImproveOptions(args.bool("quarantine_corrupt"), args.bool("dedupe"),
                args.bool("fill_missing_captions"), args.bool("fill_empty_captions"), args.string("caption_template"));
        ImprovementPlan p = datasets.improve(ctx.actor(), args.string("dataset"), options, args.bool("apply"),
                progress(ctx));
        return Obj.of().with("path", p.path()).with("applied", p.applied()).with("change_count", p.changes().size())
                .with("counts", p.counts()).with("changes", changes(p.changes(), max)).with("run_id", p.runId())
                .with("manifest", p.manifest());
    }

    private static List<Obj> changes(List<DatasetChange> changes, int max) {
        return DatasetViews.first(changes, max).stream().map(c -> Obj.of().with("action", c.action())
                .with("path", c.path()).with("to", c.to()).with("text", c.text()).with("reason", c.reason())).toList();
    }
}

package dev.observatory.mcp.dataset;

import static dev.observatory.mcp.dataset.ConfigTools.DATASETS;
import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.dataset.Datasets;
import dev.observatory.core.dataset.LocalModels;
import dev.observatory.core.dataset.ModelFile;
import dev.observatory.core.dataset.PlanRequest;
import dev.observatory.core.dataset.TrainingPlan;
import dev.observatory.core.dataset.TrainingPlans;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.Map;

/** recommend_training_plan and list_local_models. */
final class PlanAndModelTools {
    private PlanAndModelTools() {
    }

    static ToolDef recommend() {
        InputSchema in = InputSchema.of(
                Param.string("method", "lora, full or classifier (template names accepted).").required()
                        .oneOf(List.of("lora", "full", "classifier", "lora-finetune", "full-finetune"))
                        .example("\"lora\""),
                Param.integer("examples", "Training examples (images, rows).").required().between(1, 10_000_000_000L)
                        .example("1200"),
                Param.integer("model_parameters", "Parameters of the trained (or base) model.").required()
                        .between(1000, 100_000_000_000_000L).example("2600000000"),
                Param.number("gpu_memory_gb", "Memory of one GPU in GB.").required().between(0.1, 10_000).example("24"),
                Param.integer("tokens_per_example",
                        "Sequence length; for images about (resolution/16)^2." + " Default 1024.").between(1, 1_048_576)
                        .example("4096"),
                Param.integer("gpus", "Data-parallel GPUs (default 1).").between(1, 4096));
        Map<String, Object> item = Schemas.object("one recommendation").prop("name", string(null), true)
                .prop("value", Map.of("type", List.of("number", "integer")), true)
                .prop("reasoning", string("why this value"), true).build();
        Map<String, Object> out = Schemas.object("the plan").prop("method", string(null), true)
                .prop("fits", bool("whether one micro-batch fits the GPU"), true)
                .prop("estimated_memory_gb", number(null), true).prop("micro_batch_size", integer(null), true)
                .prop("gradient_accumulation_steps", integer(null), true)
                .prop("effective_batch_size", integer(null), true)
                .prop("learning_rate", number("suggested start"), true)
                .prop("learning_rate_range", array(number(null), "[min, max]"), true)
                .prop("epochs", integer(null), true).prop("max_steps", integer(null), true)
                .prop("warmup_steps", integer(null), true).prop("checkpoint_every_steps", integer(null), true)
                .prop("keep_last", integer(null), true)
                .prop("items", array(item, "every value with its reasoning"), true)
                .prop("warnings", array(string(null), null), true).build();
        return new ToolDef("recommend_training_plan", DATASETS, "Recommend a training plan",
                "Recommend micro-batch size, gradient accumulation, learning-rate range, epochs, steps, warmup and"
                        + " checkpoint cadence from the dataset size, model size and GPU memory, each with the"
                        + " reasoning behind it and warnings when it does not fit. Use before create_training_config.",
                in, out, Hints.READ_ONLY, PlanAndModelTools::recommendPlan);
    }

    static Map<String, Object> recommendPlan(Args args, ToolContext ctx) {
        Long tokens = args.longValue("tokens_per_example");
        Long gpus = args.longValue("gpus");
        TrainingPlan p = TrainingPlans.recommend(new PlanRequest(args.string("method"), args.longValue("examples"),
                args.longValue("model_parameters"), args.number("gpu_memory_gb"),
                tokens == null ? null : Math.toIntExact(tokens), gpus == null ? null : Math.toIntExact(gpus)));
        return Obj.of().with("method", p.method()).with("fits", p.fits())
                .with("estimated_memory_gb", p.estimatedMemoryGb()).with("micro_batch_size", p.microBatchSize())
                .with("gradient_accumulation_steps", p.gradientAccumulationSteps())
                .with("effective_batch_size", p.effectiveBatchSize()).with("learning_rate", p.learningRate())
                .with("learning_rate_range", List.of(p.learningRateMin(), p.learningRateMax()))
                .with("epochs", p.epochs()).with("max_steps", p.maxSteps()).with("warmup_steps", p.warmupSteps())
                .with("checkpoint_every_steps", p.checkpointEverySteps()).with("keep_last", p.keepLast())
                .with("items", p.items().stream().map(
                        i -> Obj.of().with("name", i.name()).with("value", i.value()).with("reasoning", i.reasoning()))
                        .toList())
                .with("warnings", p.warnings());
    }

    static ToolDef listModels() {
        InputSchema in = InputSchema.of(
                Param.string("format", "Only this format.").oneOf(List.of("safetensors", "gguf", "ckpt", "pt", "pth")),
                Param.bool("headers", "Read safetensors/gguf headers (tensor counts, dtypes, metadata).")
                        .defaultsTo(true),
                Param.integer("limit", "Most files to return.").between(1, 200).defaultsTo(25L), PageCursor.param());
        Map<String, Object> file = Schemas.object("a model file").prop("root", string(null), true)
                .prop("path", string("relative to the root"), true)
                .prop("format", string("safetensors, gguf, ckpt or pt"), true).prop("size", integer("bytes"), true)
                .prop("modified", string("ISO-8601")).prop("header", Schemas.anyObject("header facts"), true)
                .prop("header_error", string("why the header could not be read")).build();
        Map<String, Object> out = Schemas.paged(Schemas.object("model files")
                .prop("models", array(file, "by root, then path"), true).prop("total", integer(null), true)
                .prop("roots", array(string(null), "the configured model_roots"), true)).build();
        return new ToolDef("list_local_models", DATASETS, "List local model files",
                "List model weight files under the configured model_roots: .safetensors (tensor count, dtypes, total"
                        + " parameters, __metadata__), .gguf (version, tensor count, metadata keys,"
                        + " general.architecture and general.name), .ckpt/.pt (size and time only), with size and"
                        + " modification time, paged.",
                in, out, Hints.READ_ONLY, PlanAndModelTools::listLocalModels);
    }

    static Map<String, Object> listLocalModels(Args args, ToolContext ctx) {
        var roots = Datasets.settingsOf(ctx.tracking()).modelRoots();
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        LocalModels.Page page = new LocalModels(roots).list(args.string("format"), args.bool("headers"), limit, offset);
        List<Obj> rows = page.files().stream().map(PlanAndModelTools::file).toList();
        int n = ctx.budget().fit(Obj.of().with("total", page.total()), rows);
        boolean more = n < rows.size() || offset + rows.size() < page.total();
        return Obj.of().with("models", rows.subList(0, n)).with("total", page.total())
                .with("roots", roots.stream().map(Object::toString).toList()).with("truncated", more)
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    private static Obj file(ModelFile f) {
        return Obj.of().with("root", f.root()).with("path", f.path()).with("format", f.format()).with("size", f.size())
                .with("modified", Json.time(f.modified())).with("header", f.header())
                .with("header_error", f.headerError());
    }
}

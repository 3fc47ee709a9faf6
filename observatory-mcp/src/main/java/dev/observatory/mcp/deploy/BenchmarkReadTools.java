package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.benchmark.BenchmarkSummaries;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.core.benchmark.VersionSummary;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.benchmark.Benchmark;
import java.util.List;
import java.util.Map;

/** list_benchmarks, get_benchmark and get_benchmark_summary. */
final class BenchmarkReadTools {
    private BenchmarkReadTools() {
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(Param.string("model", "Only this model.").between(1, 256),
                Param.string("version", "Only this version (with model).").between(1, 64),
                Param.integer("limit", "Most benchmarks (1-200).").between(1, 200).defaultsTo(20), PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas.object("stored benchmarks, newest first")
                .prop("benchmarks", array(BenchmarkViews.SUMMARY, "newest first"), true)
                .prop("total", integer(null), true)).build();
        return new ToolDef("list_benchmarks", "deploy", "List benchmarks",
                "Stored benchmark results, newest first, optionally of one model or model version: when, against"
                        + " which endpoint, how many requests and the best throughput. get_benchmark has the"
                        + " latency percentiles per concurrency level.",
                in, out, Hints.READ_ONLY, BenchmarkReadTools::handleList);
    }

    static Map<String, Object> handleList(Args args, ToolContext ctx) {
        Benchmarks benchmarks = new Benchmarks(ctx.tracking());
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        List<Benchmark> page = benchmarks.list(args.string("model"), args.string("version"), limit + 1,
                (int) Math.min(Integer.MAX_VALUE, offset));
        long total = benchmarks.count(args.string("model"), args.string("version"));
        List<Obj> rows = page.stream().limit(limit).map(BenchmarkViews::summary).toList();
        int n = ctx.budget().fit(Obj.of().with("total", total), rows);
        boolean more = n < rows.size() || page.size() > limit;
        return Obj.of().with("benchmarks", rows.subList(0, n)).with("total", total).with("truncated", n < rows.size())
                .with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
    }

    static ToolDef get() {
        InputSchema in = InputSchema.of(
                Param.string("benchmark_id", "Id from list_benchmarks or run_benchmark.").required().between(1, 128));
        return new ToolDef("get_benchmark", "deploy", "Get a benchmark",
                "One stored benchmark in full: settings and, per concurrency level, requests, errors, error rate,"
                        + " throughput, latency p50/p95/p99/max/mean in ms and tokens/s.",
                in, BenchmarkViews.BENCHMARK, Hints.READ_ONLY, (args, ctx) -> BenchmarkViews
                        .benchmark(new Benchmarks(ctx.tracking()).get(args.string("benchmark_id"))));
    }

    static ToolDef summary() {
        InputSchema in = InputSchema.of(Param.string("model", "Only this model.").between(1, 256));
        Map<String, Object> version = Schemas.object("one model version's latest benchmark")
                .prop("model", string(null), true).prop("version", string(null), true)
                .prop("benchmark", BenchmarkViews.BENCHMARK, true)
                .prop("compared_to", string("previous version; absent for the first"))
                .prop("regression", bool("flagged by the rule"), true)
                .prop("reasons", array(string(null), "what regressed"), true).build();
        Map<String, Object> out = Schemas.object("latest benchmark per model version")
                .prop("rule", string("when a version counts as a regression"), true)
                .prop("versions", array(version, "by model, then version order"), true)
                .prop("regressions", integer("versions flagged"), true)
                .prop("truncated", bool("cut to the output budget")).build();
        return new ToolDef("get_benchmark_summary", "deploy", "Get the benchmark summary",
                "The latest completed benchmark of each model version (of one model or all), each compared with the"
                        + " previous version's at the concurrency levels both ran: a regression is flagged when p95"
                        + " latency rose by more than 10%, throughput fell by more than 10% or the error rate rose by"
                        + " more than 1 point, with the reasons.",
                in, out, Hints.READ_ONLY, BenchmarkReadTools::handleSummary);
    }

    static Map<String, Object> handleSummary(Args args, ToolContext ctx) {
        List<VersionSummary> all = new Benchmarks(ctx.tracking()).summary(args.string("model"));
        List<Obj> rows = all.stream()
                .map(v -> Obj.of().with("model", v.model()).with("version", v.version())
                        .with("benchmark", BenchmarkViews.benchmark(v.latest())).with("compared_to", v.comparedTo())
                        .with("regression", v.regression()).with("reasons", v.reasons()))
                .toList();
        Obj base = Obj.of().with("rule", BenchmarkSummaries.RULE);
        int n = ctx.budget().fit(base, rows);
        return Obj.of().with("rule", BenchmarkSummaries.RULE).with("versions", rows.subList(0, n))
                .with("regressions", all.stream().filter(VersionSummary::regression).count())
                .with("truncated", n < rows.size() ? Boolean.TRUE : null);
    }
}

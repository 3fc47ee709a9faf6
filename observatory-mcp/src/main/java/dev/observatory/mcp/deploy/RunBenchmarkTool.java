package dev.observatory.mcp.deploy;

import dev.observatory.core.benchmark.BenchmarkProgress;
import dev.observatory.core.benchmark.BenchmarkRequest;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** run_benchmark: load against a serving endpoint, stored with the model version it measured. */
final class RunBenchmarkTool {
    /** Sends traffic to a service (outside the server's own data) and stores a result. */
    static final Hints HINTS = new Hints(false, false, false, true);

    private RunBenchmarkTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(
                Param.string("endpoint",
                        "Base URL of the serving endpoint (http or https; loopback, or a host in"
                                + " benchmark_allowed_hosts); omitted with deployment_id: the deployment's.")
                        .between(1, 2048).example("\"http://127.0.0.1:8000\""),
                Param.string("model",
                        "Registered model the endpoint serves (results are stored under it); omitted with"
                                + " deployment_id: the deployment's.")
                        .between(1, 256).example("\"llama-3-70b\""),
                Param.string("version",
                        "The model version (number or alias) the endpoint serves; omitted with deployment_id:"
                                + " the deployment's.")
                        .between(1, 64).example("\"3\""),
                Param.string("deployment_id",
                        "The deployment measured (execute_deployment): its endpoint, model and version are"
                                + " used when not given.")
                        .between(1, 128),
                Param.string("path", "Request path when endpoint has none (default /v1/completions).").between(1, 2048)
                        .example("\"/v1/completions\""),
                Param.string("method", "HTTP method.").oneOf(List.of("POST", "GET")).defaultsTo("POST"),
                Param.strings("prompts",
                        "Prompts sent round-robin as OpenAI completion bodies {model, prompt," + " max_tokens}.")
                        .between(1, 1000).example("[\"Hello\", \"Summarize: ...\"]"),
                Param.strings("payloads", "Raw JSON request bodies sent round-robin instead of prompts.")
                        .between(1, 1000).example("[\"{\\\"inputs\\\": \\\"Hello\\\"}\"]"),
                Param.integer("max_tokens", "max_tokens of the bodies built from prompts.").between(1, 32_768)
                        .defaultsTo(16),
                Param.string("concurrency",
                        "Concurrency levels run in order, comma-separated (each 1-512, at most" + " 10 levels).")
                        .matching("^\\s*[0-9]{1,3}(\\s*,\\s*[0-9]{1,3}){0,9}\\s*$").defaultsTo("1")
                        .example("\"1,4,16\""),
                Param.number("duration_seconds", "Length of each level in seconds (0.1-300).").between(0.1, 300)
                        .defaultsTo(10.0),
                Param.integer("requests", "Stop each level after this many requests (before the duration ends).")
                        .between(1, 10_000_000).example("1000"),
                Param.number("timeout_seconds", "Per-request timeout (0.1-600).").between(0.1, 600).defaultsTo(30.0));
        return new ToolDef("run_benchmark", "deploy", "Run a benchmark",
                "Benchmark a serving endpoint (e.g. an OpenAI-compatible /v1/completions): send prompts or payloads"
                        + " at each concurrency level for a duration or request count, and measure latency"
                        + " p50/p95/p99 (HdrHistogram), throughput, error rate and tokens/s (when the answers report"
                        + " OpenAI-style usage). The result is stored under the model version; get_benchmark_summary"
                        + " compares versions. The call lasts about levels x duration_seconds. Only http/https to"
                        + " loopback or benchmark_allowed_hosts; link-local and metadata addresses are refused. Sends progress"
                        + " notifications when the request has a progressToken.",
                in, BenchmarkViews.BENCHMARK, HINTS, RunBenchmarkTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        List<Integer> levels = Arrays.stream(args.string("concurrency").split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        Duration duration = Duration.ofMillis(Math.round(args.number("duration_seconds") * 1000));
        Duration timeout = Duration.ofMillis(Math.round(args.number("timeout_seconds") * 1000));
        if (args.has("prompts") && args.has("payloads")) {
            throw new IllegalArgumentException("give either prompts or payloads, not both");
        }
        BenchmarkRequest req = new BenchmarkRequest(args.string("endpoint"), args.string("path"), args.string("method"),
                args.strings("payloads"), args.strings("prompts"), args.intValue("max_tokens"), levels, duration,
                args.longValue("requests"), timeout, args.string("model"), args.string("version"),
                args.string("deployment_id"));
        BenchmarkProgress progress = (done, total, message) -> ctx.progress().report(done, total, message);
        try {
            return BenchmarkViews.benchmark(new Benchmarks(ctx.tracking()).run(ctx.actor(), req, progress));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the benchmark was interrupted", e);
        }
    }
}

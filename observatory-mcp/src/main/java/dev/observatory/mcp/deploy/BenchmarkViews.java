package dev.observatory.mcp.deploy;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import java.util.Map;

/** JSON views and schemas of benchmarks. */
final class BenchmarkViews {
    static final Map<String, Object> LEVEL = Schemas.object("one concurrency level")
            .prop("concurrency", integer("connections sending back to back"), true)
            .prop("requests", integer("completed requests (successes and errors)"), true)
            .prop("errors", integer("connection errors, timeouts and non-2xx answers"), true)
            .prop("error_rate", number("errors / requests"), true).prop("duration_s", number(null), true)
            .prop("throughput_rps", number("requests per second"), true)
            .prop("p50_ms", number("latency percentiles (HdrHistogram)"), true).prop("p95_ms", number(null), true)
            .prop("p99_ms", number(null), true).prop("max_ms", number(null), true).prop("mean_ms", number(null), true)
            .prop("completion_tokens", integer("from OpenAI-style usage; absent when the API reports none"))
            .prop("tokens_per_second", number("completion tokens per second; absent without usage"))
            .prop("first_error", string("the first error seen")).build();
    static final Map<String, Object> SUMMARY = Schemas.object("a benchmark without its levels")
            .prop("id", string(null), true).prop("model", string(null), true).prop("version", string(null), true)
            .prop("endpoint", string(null), true).prop("deployment_id", string(null))
            .prop("started_at", string("ISO-8601"), true).prop("status", string("completed or failed"), true)
            .prop("error", string(null)).prop("requests", integer("over every level"), true)
            .prop("best_throughput_rps", number("highest level throughput")).build();
    static final Map<String, Object> BENCHMARK = Schemas.object("a stored benchmark").prop("id", string(null), true)
            .prop("model", string(null), true).prop("version", string(null), true)
            .prop("endpoint", string("URL the requests went to"), true).prop("deployment_id", string(null))
            .prop("created_by", string(null)).prop("started_at", string("ISO-8601"), true)
            .prop("finished_at", string("ISO-8601"), true).prop("status", string("completed or failed"), true)
            .prop("error", string("why it failed")).prop("settings", mapOf(string(null), "how it ran"), true)
            .prop("requests", integer(null), true).prop("levels", array(LEVEL, "in the order they ran"), true).build();

    private BenchmarkViews() {
    }

    static Obj level(BenchmarkLevel l) {
        return Obj.of().with("concurrency", l.concurrency()).with("requests", l.requests()).with("errors", l.errors())
                .with("error_rate", round(l.errorRate())).with("duration_s", round(l.durationSeconds()))
                .with("throughput_rps", round(l.throughputRps())).with("p50_ms", round(l.p50Ms()))
                .with("p95_ms", round(l.p95Ms())).with("p99_ms", round(l.p99Ms())).with("max_ms", round(l.maxMs()))
                .with("mean_ms", round(l.meanMs())).with("completion_tokens", l.completionTokens())
                .with("tokens_per_second", l.tokensPerSecond() == null ? null : round(l.tokensPerSecond()))
                .with("first_error", l.firstError());
    }

    static Obj benchmark(Benchmark b) {
        return Obj.of().with("id", b.id()).with("model", b.model()).with("version", b.version())
                .with("endpoint", b.endpoint()).with("deployment_id", b.deploymentId())
                .with("created_by", b.createdBy()).with("started_at", b.startedAt().toString())
                .with("finished_at", b.finishedAt().toString()).with("status", b.status()).with("error", b.error())
                .with("settings", b.settings()).with("requests", b.requests())
                .with("levels", b.levels().stream().map(BenchmarkViews::level).toList());
    }

    static Obj summary(Benchmark b) {
        return Obj.of().with("id", b.id()).with("model", b.model()).with("version", b.version())
                .with("endpoint", b.endpoint()).with("deployment_id", b.deploymentId())
                .with("started_at", b.startedAt().toString()).with("status", b.status()).with("error", b.error())
                .with("requests", b.requests())
                .with("best_throughput_rps", b.best() == null ? null : round(b.best().throughputRps()));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.observatory.server.http;

import dev.observatory.core.benchmark.BenchmarkSummaries;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.core.release.MachineTopology;
import dev.observatory.core.release.ReleaseConflict;
import dev.observatory.core.release.Releases;
import dev.observatory.core.release.Topology;
import dev.observatory.core.Tracking;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only REST views of the production topology and of benchmarks (writes, i.e. run_benchmark and
 * propose_release_config, go through the MCP tools or the tool bridge {@code POST /mcp/tool}):
 * {@code GET /api/v1/release/topology[?machine=]}, {@code GET /api/v1/benchmarks[?model=&version=&limit=&offset=]},
 * {@code GET /api/v1/benchmarks/{id}} and {@code GET /api/v1/benchmark-summary[?model=]}.
 */
final class ReleaseRoutes {
    private final Tracking tracking;

    ReleaseRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", "/api/v1/release/topology", this::topology);
        r.add("GET", "/api/v1/benchmarks", this::benchmarks);
        r.add("GET", "/api/v1/benchmarks/{id}", this::benchmark);
        r.add("GET", "/api/v1/benchmark-summary", this::summary);
    }

    private void topology(Call call) throws IOException {
        call.query().expect(Set.of("machine"));
        Topology t = new Releases(tracking).topology(call.query().get("machine"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("branch", t.branch());
        out.put("commit_id", t.commitId());
        out.put("machines", t.machines().stream().map(ReleaseRoutes::machine).toList());
        out.put("conflicts", t.conflicts().stream().map(ReleaseRoutes::conflict).toList());
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private static Map<String, Object> machine(MachineTopology m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("machine", m.machine());
        o.put("file", m.file());
        o.put("gpus", m.gpuCount());
        o.put("gpu_type", m.gpuType());
        o.put("free_gpus", m.freeGpus());
        o.put("allocations",
                m.allocations().stream().map(a -> Map.of("gpu", a.gpu(), "deployments", a.deployments())).toList());
        o.put("deployments", m.deployments().stream().map(d -> Map.of("name", d.name(), "model", d.model(), "version",
                d.version(), "template", d.template(), "ports", d.ports(), "gpus", d.gpus())).toList());
        o.put("conflicts", m.conflicts().size());
        return o;
    }

    private static Map<String, Object> conflict(ReleaseConflict c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", c.kind());
        o.put("machine", c.machine());
        o.put("file", c.file());
        o.put("line", c.line());
        o.put("message", c.message());
        return o;
    }

    private void benchmarks(Call call) throws IOException {
        call.query().expect(Set.of("model", "version", "limit", "offset"));
        Benchmarks b = new Benchmarks(tracking);
        String model = call.query().get("model");
        String version = call.query().get("version");
        List<Benchmark> page = b.list(model, version, call.query().intValue("limit", 50, 1, Benchmarks.MAX_PAGE),
                call.query().intValue("offset", 0, 0, Integer.MAX_VALUE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmarks", page.stream().map(ReleaseRoutes::view).toList());
        out.put("total", b.count(model, version));
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    private void benchmark(Call call) throws IOException {
        call.query().expect(Set.of());
        call.bytes(200, "application/json",
                Json.MAPPER.writeValueAsBytes(view(new Benchmarks(tracking).get(call.path("id")))));
    }

    private void summary(Call call) throws IOException {
        call.query().expect(Set.of("model"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", BenchmarkSummaries.RULE);
        out.put("versions", new Benchmarks(tracking).summary(call.query().get("model")).stream().map(v -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", v.model());
            o.put("version", v.version());
            o.put("benchmark", view(v.latest()));
            o.put("compared_to", v.comparedTo());
            o.put("regression", v.regression());
            o.put("reasons", v.reasons());
            return o;
        }).toList());
        call.bytes(200, "application/json", Json.MAPPER.writeValueAsBytes(out));
    }

    static Map<String, Object> view(Benchmark b) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", b.id());
        o.put("model", b.model());
        o.put("version", b.version());
        o.put("endpoint", b.endpoint());
        o.put("deployment_id", b.deploymentId());
        o.put("created_by", b.createdBy());
        o.put("started_at", b.startedAt().toString());
        o.put("finished_at", b.finishedAt().toString());
        o.put("status", b.status());
        o.put("error", b.error());
        o.put("settings", b.settings());
        o.put("levels", b.levels().stream().map(ReleaseRoutes::level).toList());
        return o;
    }

    private static Map<String, Object> level(BenchmarkLevel l) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("concurrency", l.concurrency());
        o.put("requests", l.requests());
        o.put("errors", l.errors());
        o.put("error_rate", l.errorRate());
        o.put("duration_s", l.durationSeconds());
        o.put("throughput_rps", l.throughputRps());
        o.put("p50_ms", l.p50Ms());
        o.put("p95_ms", l.p95Ms());
        o.put("p99_ms", l.p99Ms());
        o.put("max_ms", l.maxMs());
        o.put("mean_ms", l.meanMs());
        o.put("completion_tokens", l.completionTokens());
        o.put("tokens_per_second", l.tokensPerSecond());
        o.put("first_error", l.firstError());
        return o;
    }
}

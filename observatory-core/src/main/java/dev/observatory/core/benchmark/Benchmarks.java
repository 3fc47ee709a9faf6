package dev.observatory.core.benchmark;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.Ids;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.model.benchmark.BenchmarkQuery;
import dev.observatory.store.BenchmarkStore;
import dev.observatory.store.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Benchmarks of serving endpoints: run_benchmark sends a payload set at each concurrency level (latency percentiles
 * from HdrHistogram, throughput, error rate, tokens/s from OpenAI-style usage) and stores the result with the model
 * version it measured; list, get and the per-version summary with regressions read them back.
 * <p>
 * Endpoints pass the {@link EndpointGuard} (loopback, or hosts in benchmark_allowed_hosts; never link-local or metadata
 * addresses). Errors: IllegalArgumentException for bad input or a refused endpoint, NotFoundException for an unknown
 * id, ReadOnlyException for run_benchmark in read-only mode (it stores a result).
 */
public final class Benchmarks {
    public static final int MAX_CONCURRENCY = 512;
    public static final int MAX_LEVELS = 10;
    public static final Duration MAX_LEVEL_DURATION = Duration.ofMinutes(5);
    public static final long MAX_REQUESTS_PER_LEVEL = 10_000_000;
    public static final int MAX_PAYLOADS = 1000;
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    public static final int MAX_PAGE = 200;

    private static final Map<Tracking, Set<String>> ALLOWED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Tracking tracking;
    private final BenchmarkStore store;

    public Benchmarks(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().benchmarks();
    }

    /** Hosts besides loopback that every {@code new Benchmarks(tracking)} may benchmark ("*" for any). */
    public static void configure(Tracking tracking, Set<String> allowedHosts) {
        ALLOWED.put(tracking, Set.copyOf(allowedHosts));
    }

    /** The hosts besides loopback configured for this tracking (empty when none; "*" for any). */
    public static Set<String> allowedHosts(Tracking tracking) {
        return ALLOWED.getOrDefault(tracking, Set.of());
    }

    /** Runs a benchmark to the end and stores it; a failure to reach the endpoint is stored as status failed. */
    public Benchmark run(Actor actor, BenchmarkRequest request, BenchmarkProgress progress)
            throws InterruptedException {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("run_benchmark");
        }
        BenchmarkRequest req = withDeployment(request);
        validate(req);
        EndpointGuard.Target base = new EndpointGuard(ALLOWED.getOrDefault(tracking, Set.of())).check(req.endpoint());
        EndpointGuard.Target target = base.path().equals("/") ? base.withPath(req.path()) : base;
        Instant started = tracking.clock().instant();
        List<BenchmarkLevel> levels = BenchmarkRunner.run(target, req, progress);
        Instant finished = tracking.clock().instant();
        boolean nothingAnswered = levels.stream().allMatch(l -> l.errors() == l.requests());
        String error = nothingAnswered && !levels.isEmpty() ? levels.get(0).firstError() : null;
        Benchmark b = new Benchmark(Ids.newId(), req.model(), req.version(), target.displayUrl(), req.deploymentId(),
                actor.name(), started, finished, error == null ? Benchmark.COMPLETED : Benchmark.FAILED, error,
                settings(req), levels);
        store.save(b);
        tracking.auditor().record(actor, "benchmark.run", "benchmark/" + b.id(),
                req.model() + " " + req.version() + " " + target.displayUrl() + " " + b.requests() + " requests");
        return store.get(b.id()).orElse(b);
    }

    /**
     * The request with the deployment's endpoint, model and version filled in where it names a deployment but leaves
     * them out; NotFoundException for an unknown deployment.
     */
    private BenchmarkRequest withDeployment(BenchmarkRequest r) {
        if (r.deploymentId() == null || r.deploymentId().isBlank()
                || (r.endpoint() != null && !r.endpoint().isBlank() && r.model() != null && r.version() != null)) {
            return r;
        }
        dev.observatory.model.deploy.Deployment d = tracking.store().deployments().get(r.deploymentId())
                .orElseThrow(() -> new NotFoundException(
                        "no deployment with id '" + r.deploymentId() + "': list_deployments shows them"));
        return new BenchmarkRequest(r.endpoint() == null || r.endpoint().isBlank() ? d.endpoint() : r.endpoint(),
                r.path(), r.method(), r.payloads(), r.prompts(), r.maxTokens(), r.concurrency(), r.duration(),
                r.requests(), r.timeout(), r.model() == null ? d.model() : r.model(),
                r.version() == null ? d.version() : r.version(), r.deploymentId());
    }

    private static Map<String, String> settings(BenchmarkRequest r) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("method", r.method());
        s.put("payloads", String.valueOf(Math.max(r.payloads().size(), r.prompts().size())));
        s.put("concurrency", r.concurrency().toString());
        s.put("duration_s", String.valueOf(r.duration().toMillis() / 1000.0));
        if (r.requests() != null) {
            s.put("requests_per_level", String.valueOf(r.requests()));
        }
        s.put("timeout_s", String.valueOf(r.timeout().toMillis() / 1000.0));
        if (!r.prompts().isEmpty() && r.payloads().isEmpty()) {
            s.put("max_tokens", String.valueOf(r.maxTokens()));
        }
        return s;
    }

    static void validate(BenchmarkRequest r) {
        if (r.endpoint() == null || r.endpoint().isBlank()) {
            throw new IllegalArgumentException(
                    "give the endpoint URL to benchmark (e.g. http://127.0.0.1:8000) or a deployment_id");
        }
        if (r.model() == null || r.model().isBlank() || r.version() == null || r.version().isBlank()) {
            throw new IllegalArgumentException("name the model and version the endpoint serves (model, version)");
        }
        if (!r.method().equals("POST") && !r.method().equals("GET")) {
            throw new IllegalArgumentException("method must be POST or GET, not " + r.method());
        }
        if (r.concurrency().size() > MAX_LEVELS
                || r.concurrency().stream().anyMatch(c -> c < 1 || c > MAX_CONCURRENCY)) {
            throw new IllegalArgumentException(
                    "concurrency: at most " + MAX_LEVELS + " levels, each 1-" + MAX_CONCURRENCY);
        }
        if (r.duration().isNegative() || r.duration().isZero() || r.duration().compareTo(MAX_LEVEL_DURATION) > 0) {
            throw new IllegalArgumentException("duration per level must be > 0 and at most 300 s");
        }
        if (r.requests() != null && (r.requests() < 1 || r.requests() > MAX_REQUESTS_PER_LEVEL)) {
            throw new IllegalArgumentException("requests per level must be 1-" + MAX_REQUESTS_PER_LEVEL);
        }
        if (r.payloads().size() > MAX_PAYLOADS || r.prompts().size() > MAX_PAYLOADS) {
            throw new IllegalArgumentException("at most " + MAX_PAYLOADS + " payloads or prompts");
        }
        if (r.payloads().stream().anyMatch(p -> p.length() > MAX_PAYLOAD_BYTES)
                || r.prompts().stream().anyMatch(p -> p.length() > MAX_PAYLOAD_BYTES)) {
            throw new IllegalArgumentException("a payload or prompt is over 1 MiB");
        }
        if (r.timeout().isNegative() || r.timeout().isZero() || r.timeout().toSeconds() > 600) {
            throw new IllegalArgumentException("timeout must be > 0 and at most 600 s");
        }
    }

    public Benchmark get(String id) {
        return store.get(id).orElseThrow(
                () -> new NotFoundException("no benchmark with id '" + id + "': list_benchmarks shows them"));
    }

    /** Newest first. */
    public List<Benchmark> list(String model, String version, int limit, int offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
        if (version != null && model == null) {
            throw new IllegalArgumentException("a version filter needs the model too");
        }
        return store.list(new BenchmarkQuery(model, version, limit, offset));
    }

    public long count(String model, String version) {
        return store.count(new BenchmarkQuery(model, version, 1, 0));
    }

    /** The latest completed benchmark per version (of one model, or all), with regressions against the previous. */
    public List<VersionSummary> summary(String model) {
        return BenchmarkSummaries.summarize(store.list(new BenchmarkQuery(model, null, 10_000, 0)));
    }
}

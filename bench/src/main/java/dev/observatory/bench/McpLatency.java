package dev.observatory.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MCP tool-call latency over loopback Streamable HTTP with one client: {@code initialize} once, then
 * {@code tools/call get_run} repeatedly as raw JSON-RPC POSTs (no SDK on the client side, so the number is the server's
 * plus one HTTP round trip). Baselines with the same HTTP client come first: {@code GET /health} (what HTTP itself
 * costs here), {@code GET /api/v1/runs/{id}} (the same run over REST) and {@code POST /mcp/tool} (the same tool handler
 * through the HTTP tool bridge, without the MCP transport), so a slow result shows where its time goes.
 * <p>
 * {@code --client raw} (the default) sends every request on one kept-alive socket from the measuring thread
 * ({@link RawHttp}); {@code --client jdk} uses the JDK's {@code HttpClient}, whose selector thread and executor add two
 * thread hand-offs per request. With {@code raw}, {@code GET /health} is also measured through the JDK client, so the
 * difference the client makes is in the same run.
 *
 * <pre>
 * java -cp bench/target/classes dev.observatory.bench.McpLatency --url http://127.0.0.1:8765 --calls 20000
 * </pre>
 */
public final class McpLatency {
    static final String PROTOCOL = "2025-11-25";
    private final LoopbackHttp http;
    private final RawHttp raw;
    private String session;
    private boolean initialized;
    private long nextId = 1;

    private McpLatency(String url, String client) {
        this.http = new LoopbackHttp(url);
        this.raw = switch (client) {
            case "raw" -> new RawHttp(url);
            case "jdk" -> null;
            default -> throw new IllegalArgumentException("--client must be raw or jdk, got " + client);
        };
    }

    /** An answer of either client: status, the headers this tool reads, the body. */
    private record Reply(int status, String contentType, String sessionId, String body) {
    }

    public static void main(String[] args) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("url", "calls", "warmup", "baseline-calls", "run-id", "tool", "client"));
        int calls = a.integer("calls", 20_000);
        int warmup = a.integer("warmup", 5_000);
        int baselineCalls = a.integer("baseline-calls", 5_000);
        if (calls < 1 || calls > 1_000_000 || warmup < 0 || warmup > 1_000_000 || baselineCalls < 1
                || baselineCalls > 1_000_000) {
            throw new IllegalArgumentException("--calls and --baseline-calls must be 1..1000000, --warmup 0..1000000");
        }
        McpLatency m = new McpLatency(a.text("url", "http://127.0.0.1:8765"), a.text("client", "raw"));
        String runId = a.text("run-id", null);
        if (runId == null) {
            runId = m.benchRun();
        }
        m.run(runId, a.text("tool", "get_run"), warmup, calls, baselineCalls);
    }

    /** A measured request: true when the answer was right. */
    private interface Request {
        boolean send() throws IOException, InterruptedException;
    }

    private void run(String runId, String tool, int warmup, int calls, int baselineCalls) throws Exception {
        String args = "{\"run_id\":\"" + runId + "\"}";
        String bridgeBody = "{\"name\":\"" + tool + "\",\"arguments\":" + args + "}";
        // baselines, cheapest first: HTTP itself, the REST read of the same run, the same tool handler without MCP
        Result jdkHealth = raw == null ? null
                : measure("GET /health (JDK client)", warmup, baselineCalls,
                        () -> http.get("/health").statusCode() == 200);
        Result health = measure("GET /health", warmup, baselineCalls, () -> get("/health").status() == 200);
        Result rest = measure("GET /api/v1/runs/{id}", warmup, baselineCalls, () -> {
            Reply r = get("/api/v1/runs/" + runId);
            return r.status() == 200 && r.body().contains(runId);
        });
        Result bridge = measure("POST /mcp/tool " + tool, warmup, baselineCalls, () -> {
            Reply r = post("/mcp/tool", Map.of(), bridgeBody);
            return r.status() == 200 && r.body().contains("\"ok\":true");
        });
        initialize();
        Result mcp = measure("MCP tools/call " + tool, warmup, calls, () -> call(tool, args, runId));
        System.out.printf(Locale.ROOT,
                "RESULT mcp tool=%s client=%s p50_ms=%s p99_ms=%s p999_ms=%s errors=%d"
                        + " health_p50_ms=%s health_p99_ms=%s rest_p50_ms=%s rest_p99_ms=%s bridge_p50_ms=%s"
                        + " bridge_p99_ms=%s jdk_health_p50_ms=%s jdk_health_p99_ms=%s%n",
                tool, raw == null ? "jdk" : "raw", mcp.lat.millis(50), mcp.lat.millis(99), mcp.lat.millis(99.9),
                mcp.errors, health.lat.millis(50), health.lat.millis(99), rest.lat.millis(50), rest.lat.millis(99),
                bridge.lat.millis(50), bridge.lat.millis(99), jdkHealth == null ? "-" : jdkHealth.lat.millis(50),
                jdkHealth == null ? "-" : jdkHealth.lat.millis(99));
    }

    private Reply get(String path) throws IOException, InterruptedException {
        if (raw != null) {
            RawHttp.Response r = raw.get(path, Map.of());
            return new Reply(r.status(), r.header("Content-Type"), r.header("Mcp-Session-Id"), r.text());
        }
        return reply(http.get(path));
    }

    private Reply post(String path, Map<String, String> headers, String json) throws IOException, InterruptedException {
        if (raw != null) {
            RawHttp.Response r = raw.postJson(path, headers, json);
            return new Reply(r.status(), r.header("Content-Type"), r.header("Mcp-Session-Id"), r.text());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return reply(http.client().send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply reply(HttpResponse<String> r) {
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Mcp-Session-Id").orElse(null), r.body());
    }

    private record Result(Latencies lat, long errors) {
    }

    private static Result measure(String name, int warmup, int calls, Request request) throws Exception {
        for (int i = 0; i < warmup; i++) {
            request.send();
        }
        Latencies lat = new Latencies(calls);
        long errors = 0;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            boolean ok = request.send();
            lat.add(System.nanoTime() - t0);
            errors += ok ? 0 : 1;
        }
        System.out.printf(Locale.ROOT,
                "%-32s %6d calls after %d warm-up: p50=%s p99=%s p999=%s max=%s ms" + " errors=%d%n", name, calls,
                warmup, lat.millis(50), lat.millis(99), lat.millis(99.9), lat.millis(100), errors);
        return new Result(lat, errors);
    }

    /** A run with a realistic set of metric summaries for get_run to return. */
    private String benchRun() throws IOException, InterruptedException {
        String id = http.createRun("bench-mcp", "mcp-latency-" + System.currentTimeMillis());
        String body = IngestBodies.body(0, 200, 20, 200, new java.util.SplittableRandom(7));
        HttpResponse<String> r = http.postJson("/api/v1/runs/" + id + "/metrics", body);
        require(r.statusCode() == 200,
                "logging metrics for the bench run answered " + r.statusCode() + ": " + r.body());
        return id;
    }

    private void initialize() throws IOException, InterruptedException {
        Reply r = mcpPost("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + PROTOCOL + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"observatory-bench\",\"version\":\"1\"}}}");
        require(r.status() == 200 && jsonOf(r).contains("\"result\""),
                "initialize answered " + r.status() + ": " + r.body());
        session = r.sessionId();
        initialized = true;
        Reply n = mcpPost("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        require(n.status() / 100 == 2, "notifications/initialized answered " + n.status() + ": " + n.body());
    }

    private boolean call(String tool, String args, String runId) throws IOException, InterruptedException {
        Reply r = mcpPost("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args + "}}");
        String json = jsonOf(r);
        return r.status() == 200 && json.contains("\"result\"") && !json.contains("\"isError\":true")
                && json.contains(runId);
    }

    private Reply mcpPost(String json) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json, text/event-stream");
        if (initialized) {
            headers.put("MCP-Protocol-Version", PROTOCOL);
        }
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return post("/mcp", headers, json);
    }

    /** The JSON-RPC message of an answer: the body itself, or the data lines of an SSE answer. */
    private static String jsonOf(Reply r) {
        boolean sse = r.contentType() != null && r.contentType().startsWith("text/event-stream");
        return sse ? sseData(r.body()) : r.body();
    }

    static String sseData(String body) {
        StringBuilder sb = new StringBuilder();
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data:")) {
                sb.append(line.substring(5).strip());
            }
        }
        return sb.toString();
    }

    private static void require(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new IOException(message);
        }
    }
}

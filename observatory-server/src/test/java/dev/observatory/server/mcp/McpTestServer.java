package dev.observatory.server.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolCatalog;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.server.http.HttpServer;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real HTTP server (HttpServer with its security filter) on a free port with the MCP endpoint and tool bridge
 * mounted, over an in-memory store holding a project with two runs.
 */
final class McpTestServer implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final Actor ACTOR = new Actor("test", "rest");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    final Meters meters = new Meters();
    final McpHttp mcp;
    final HttpServer server;
    final Run baseline;
    final Run diverged;
    private final List<McpSyncClient> clients = new ArrayList<>();

    McpTestServer() {
        this(McpSettings.DEFAULT_BUDGET, McpHttpSettings.defaults(), List.of());
    }

    McpTestServer(int budget, McpHttpSettings http, List<ToolDef> extraTools) {
        tracking.createProject(ACTOR, "vision", "Image classifiers");
        baseline = tracking.createRun(ACTOR, new NewRun("vision", "baseline", RunStatus.FINISHED, "alice",
                List.of("baseline"), Map.of("lr", 0.001), null, NOW.minusSeconds(600), null, null));
        diverged = tracking.createRun(ACTOR, new NewRun("vision", "lr-high", RunStatus.FAILED, "alice", List.of(),
                Map.of("lr", 0.1), null, NOW.minusSeconds(600), null, null));
        int n = 1000;
        long[] steps = new long[n];
        double[] loss = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            loss[i] = 2.0 / (1 + i / 50.0);
            ts[i] = NOW.toEpochMilli() - n + i;
        }
        tracking.logMetrics(ACTOR, baseline.id(),
                Map.of("loss", new MetricColumns(steps, loss, ts), "val/loss", new MetricColumns(steps, loss, ts)));
        tracking.logMetrics(ACTOR, diverged.id(), Map.of("loss", new MetricColumns(new long[] { 0, 1, 2 },
                new double[] { 2.0, 9.0, Double.NaN }, new long[] { 1, 2, 3 })));
        tracking.logLines(ACTOR, diverged.id(), List.of(new LogLine(null, 0, NOW, "stdout", "INFO", "step 1"),
                new LogLine(null, 0, NOW, "stderr", "ERROR", "RuntimeError: CUDA out of memory")));
        List<ToolDef> catalog = new ArrayList<>(ToolCatalog.all());
        catalog.addAll(extraTools);
        McpSettings settings = new McpSettings(Set.of("core"), budget, "http://obs.test", "test");
        mcp = McpHttp.create(tracking, new ToolRegistry(tracking, meters, settings, catalog), McpExtras.none(), http);
        server = mcp.mountOn(HttpServer.builder().host("127.0.0.1").port(0).tracking(tracking).meters(meters)).build();
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** An initialized MCP client on {@code /mcp} plus the given query (e.g. "?toolsets=core"). */
    McpSyncClient client(String query) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp" + query).build()).requestTimeout(Duration.ofSeconds(20)).build();
        clients.add(c);
        c.initialize();
        return c;
    }

    /** Like {@link #client(String)}, receiving the server's progress notifications. */
    McpSyncClient client(String query,
            java.util.function.Consumer<io.modelcontextprotocol.spec.McpSchema.ProgressNotification> progress) {
        McpSyncClient c = McpClient
                .sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp" + query).build())
                .requestTimeout(Duration.ofSeconds(20)).progressConsumer(progress).build();
        clients.add(c);
        c.initialize();
        return c;
    }

    @Override
    public void close() {
        clients.forEach(McpSyncClient::close);
        server.stop();
        mcp.close();
        auditor.close();
    }
}

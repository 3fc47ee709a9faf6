package dev.observatory.server;

import dev.observatory.core.trace.Traces;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.Toolsets;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.server.mcp.McpHttp;
import dev.observatory.server.mcp.McpHttpSettings;
import dev.observatory.server.mlflow.MlflowApi;
import dev.observatory.server.otlp.OtlpReceiver;
import dev.observatory.server.otlp.OtlpSettings;
import dev.observatory.server.ui.WebUi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = {
        "Run the HTTP server: REST API /api/v1, MCP at /mcp, tool bridge /tools and"
                + " /mcp/tool, OTLP traces at /v1/traces, /health and /metrics.",
        "Stops cleanly on Ctrl-C (SIGINT) or SIGTERM." })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--demo", description = "Load the demo data set into an empty store first.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        Map<ConfigKey, String> extra = new EnumMap<>(ConfigKey.class);
        if (demo) {
            extra.put(ConfigKey.DEMO, "true");
        }
        Config c = options.load(extra);
        Running running = start(c);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "shutdown"));
        System.err.println("observatory: listening on " + c.baseUrl(running.http.port()) + "  (MCP: "
                + c.baseUrl(running.http.port()) + McpHttp.MCP_PATH + ", stop with Ctrl-C)");
        stopped.await();
        return 0;
    }

    /** Opens the store, loads the demo when asked, and starts HTTP with MCP mounted. Tests use it directly. */
    static Running start(Config requested) {
        Config c = requested.port() == 0 ? requested.withPort(freePort(requested.host())) : requested;
        McpSettings mcpSettings = new McpSettings(Toolsets.parse(c.toolsets()), c.outputBudgetTokens(),
                c.baseUrl(c.port()), Version.current());
        Observatory o = Observatory.open(c);
        try {
            if (c.demo()) {
                o.loadDemoIfEmpty();
            }
            o.startJobs();
            o.startDeployments();
            ApiKeyAuth auth = new ApiKeyAuth(o.store.keys(), c.apiKeys());
            HttpSettings hs = new HttpSettings(c.maxBodyBytes(), c.requestTimeout(), false, c.allowedOrigins(),
                    c.allowedHosts());
            McpHttp mcp = McpHttp.create(o.tracking, o.meters, mcpSettings, new McpHttpSettings(c.allowedHosts(),
                    c.allowedOrigins(), c.host(), c.maxBodyBytes(), c.toolTimeout()));
            HttpServer.Builder builder = mcp.mountOn(HttpServer.builder().host(c.host()).port(c.port()).settings(hs)
                    .tracking(o.tracking).meters(o.meters).auth(auth).version(Version.current()));
            MlflowApi.mountOn(builder, o.tracking, c.mlflowMaxMetricsPerBatch());
            OtlpReceiver.mountOn(builder, OtlpReceiver.ingestInto(new Traces(o.tracking)),
                    OtlpReceiver.metricsInto(new dev.observatory.core.opsmetrics.OpsMetrics(o.tracking)),
                    new OtlpSettings(c.otlpMaxBodyBytes(), c.otlpMaxConcurrentRequests(), Duration.ofMillis(500)),
                    o.meters);
            dev.observatory.server.promwrite.RemoteWrite.mountOn(builder, o.tracking, o.meters, c.metricsMaxBodyBytes(),
                    c.otlpMaxConcurrentRequests());
            dev.observatory.server.promapi.PrometheusApi.mountOn(builder, o.tracking, Version.current());
            HttpServer http = WebUi.mountOn(builder, o.tracking, auth).build();
            http.start();
            o.listeningOn(http.port());
            return new Running(o, mcp, http);
        } catch (RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /**
     * A free port for {@code --port 0}, chosen before start-up so that the deep links of MCP answers and blob links
     * name the port the server really listens on (the HTTP server is built with the MCP endpoint already mounted).
     */
    static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /** A started server; close() stops HTTP, MCP sessions and the store, in that order. */
    record Running(Observatory observatory, McpHttp mcp, HttpServer http) implements AutoCloseable {
        @Override
        public void close() {
            http.stop();
            mcp.close();
            observatory.close();
        }
    }
}

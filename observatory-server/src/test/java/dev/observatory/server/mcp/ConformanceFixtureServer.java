package dev.observatory.server.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ToolRegistry;
import dev.observatory.mcp.Toolsets;
import dev.observatory.model.NewRun;
import dev.observatory.server.http.HttpServer;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the real HTTP wiring (HttpServer with its security filter, the /mcp servlet with the SDK's security validator)
 * with Observatory's tools plus the conformance fixture, for {@code .ci/conformance.sh}. Argument: the port (default 0
 * = any free one). Prints {@code CONFORMANCE_URL=http://127.0.0.1:<port>/mcp} on stdout once listening, then serves
 * until killed.
 */
public final class ConformanceFixtureServer {
    private ConformanceFixtureServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        InMemoryStorage store = new InMemoryStorage();
        Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
        Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
        tracking.createRun(new Actor("fixture", "cli"), NewRun.of("conformance", "fixture-run"));
        ToolRegistry registry = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Toolsets.defaults(), McpSettings.DEFAULT_BUDGET, null, "conformance"));
        McpHttp mcp = McpHttp.create(tracking, registry, ConformanceFixture.extras(), McpHttpSettings.defaults());
        HttpServer server = mcp.mountOn(HttpServer.builder().host("127.0.0.1").port(port).tracking(tracking)).build();
        server.start();
        System.out.println("CONFORMANCE_URL=http://127.0.0.1:" + server.port() + "/mcp");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            mcp.close();
        }));
        new CountDownLatch(1).await();
    }
}

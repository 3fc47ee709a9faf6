package dev.observatory.server.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpSettings;
import dev.observatory.model.NewRun;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.util.Set;

/**
 * A process serving MCP on stdio over an in-memory store with one run ("baseline" in "vision"), for the spawn tests. A
 * background thread prints to System.out after the server started: it must end up on stderr, never on the MCP channel.
 */
public final class StdioFixtureMain {
    private StdioFixtureMain() {
    }

    public static void main(String[] args) {
        InMemoryStorage store = new InMemoryStorage();
        Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
        Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
        tracking.createRun(new Actor("fixture", "cli"), NewRun.of("vision", "baseline"));
        Thread noisy = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("a library printing to stdout");
        });
        noisy.setDaemon(true);
        noisy.start();
        McpStdio.serveStandardStreams(tracking, new Meters(), new McpSettings(Set.of("core"), 8000, null, "test"));
        auditor.close();
        System.exit(0);
    }
}

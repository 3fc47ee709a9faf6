package dev.observatory.server;

import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.Toolsets;
import dev.observatory.server.mcp.McpStdio;
import dev.observatory.server.mcp.StartupTrace;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mcp", description = {
        "Serve MCP over stdio for Claude Desktop, Claude Code, Cursor and other clients.",
        "Only MCP messages go to stdout; logs go to stderr. Exits when stdin closes.",
        "While `observatory serve` runs on the same data directory, connect the client to its /mcp URL instead." })
final class McpCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--demo", description = "Load the demo data set into an empty store first.")
    boolean demo;

    @Override
    public Integer call() {
        McpStdio.guardStdout(); // from here on, only the MCP transport writes to the real stdout
        StartupTrace.mark("command line parsed");
        Map<ConfigKey, String> extra = new EnumMap<>(ConfigKey.class);
        if (demo) {
            extra.put(ConfigKey.DEMO, "true");
        }
        Config c = options.load(extra);
        StartupTrace.mark("config loaded");
        McpSettings settings = new McpSettings(Toolsets.parse(c.toolsets()), c.outputBudgetTokens(),
                c.baseUrl(c.port()), Version.current());
        // without --demo the store, the job runner and the deployment runtime start once the first answer (initialize)
        // is out, so that they do not compete with it for the CPU; a tool call before that starts the store itself
        try (Observatory o = c.demo() ? Observatory.open(c) : Observatory.openInBackground(c, false)) {
            StartupTrace.mark("Observatory built");
            if (c.demo()) {
                o.loadDemoIfEmpty();
                startServices(o);
                McpStdio.serveStandardStreams(o.tracking, o.meters, settings, () -> {
                });
            } else {
                McpStdio.serveStandardStreams(o.tracking, o.meters, settings, () -> startServices(o));
            }
        }
        return 0;
    }

    private static void startServices(Observatory o) {
        o.openStorage();
        o.startJobs();
        o.startDeployments();
        // a stdio session is interactive: have the tokenizer (~1 s to load) before an answer needs an exact count;
        // `serve` loads it on first use instead, so that an idle server does not hold it (decision 0031)
        dev.observatory.mcp.tool.TokenCounter.warmUpLater(java.time.Duration.ofSeconds(3));
        StartupTrace.mark("storage open, jobs and deployments started");
    }
}

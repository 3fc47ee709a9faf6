package dev.observatory.server;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code observatory} command line. Errors print one line to stderr, never a stack trace. */
@Command(name = "observatory", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Experiments, metrics, logs and LLM traces for people and AI assistants.", "",
        "Quick start:  observatory serve --demo     then open http://127.0.0.1:8765",
        "MCP clients:  observatory mcp              (stdio; see README for client configuration)" }, subcommands = {
                ServeCommand.class, McpCommand.class, DemoCommand.class, KeysCommand.class, ToolsCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class })
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mcp")) {
            dev.observatory.server.mcp.McpStdio.warmUpInBackground();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(System.err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable root = ex;
            while (root.getCause() != null && root.getMessage() == null) {
                root = root.getCause();
            }
            cmd.getErr().println("observatory: " + root.getMessage());
            if (!(root instanceof IllegalArgumentException || root instanceof IllegalStateException)) {
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", root);
            }
            return 2;
        });
        return cl.execute(args);
    }
}

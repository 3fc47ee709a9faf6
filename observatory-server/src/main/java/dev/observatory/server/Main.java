package dev.observatory.server;

import java.io.PrintWriter;
import java.util.Arrays;
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
            dev.observatory.server.mcp.StartupTrace.mark("main");
            dev.observatory.server.mcp.McpStdio.warmUpInBackground();
            System.exit(runMcp(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return execute(new CommandLine(new Main()), args);
    }

    /**
     * Runs {@code observatory mcp ARGS} with a command line of the {@code mcp} command alone: picocli then introspects
     * one command instead of the whole tree (serve, demo, keys, tools...), which is on the path to the first
     * {@code initialize} answer (docs/decisions/0009-stdio-startup.md, addendum 3); a plain command line skips picocli
     * altogether ({@link McpArgs}, addendum 4). Same options, errors and exit codes.
     */
    static int runMcp(String... args) {
        var plain = McpArgs.parse(args);
        if (plain.isPresent()) {
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                return plain.get().call();
            } catch (RuntimeException e) {
                return reportFailure(e, err);
            }
        }
        CommandLine cl = new CommandLine(new McpCommand());
        cl.setCommandName("observatory mcp");
        return execute(cl, args);
    }

    private static int execute(CommandLine cl, String... args) {
        cl.setErr(new PrintWriter(System.err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> reportFailure(ex, cmd.getErr()));
        return cl.execute(args);
    }

    /** A failed command: one line on stderr (the innermost message), never a stack trace; exit code 2. */
    private static int reportFailure(Exception ex, PrintWriter err) {
        Throwable root = ex;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        err.println("observatory: " + root.getMessage());
        if (!(root instanceof IllegalArgumentException || root instanceof IllegalStateException)) {
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", root);
        }
        return 2;
    }
}

package dev.observatory.server;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The plain {@code observatory mcp} command lines read without picocli: building picocli's model of even one command
 * costs 150-180 ms of a cold JVM (annotation proxies, its class initialisation), all of it on the path to the first
 * {@code initialize} answer (docs/decisions/0009-stdio-startup.md, addendum 4). Only the forms a client configuration
 * uses are read here: {@code --demo}, {@code --read-only} and {@code --NAME VALUE} / {@code --NAME=VALUE} for the
 * options of {@link ConfigOptions}, each at most once, values not starting with {@code -}. Anything else (help,
 * version, an unknown or repeated option, a missing value) is left to picocli, so its messages and exit codes stay the
 * only ones.
 */
final class McpArgs {
    private static final Set<String> VALUED = Set.of("--config", "--host", "--port", "--data-dir", "--storage",
            "--toolsets");

    private McpArgs() {
    }

    /** The command the arguments describe, or empty when picocli must read them. */
    static Optional<McpCommand> parse(String... args) {
        McpCommand command = new McpCommand();
        command.options = new ConfigOptions();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!seen.add(name)) {
                return Optional.empty();
            }
            if (eq < 0 && (name.equals("--demo") || name.equals("--read-only"))) {
                command.demo |= name.equals("--demo");
                command.options.readOnly = name.equals("--read-only") ? Boolean.TRUE : command.options.readOnly;
                continue;
            }
            if (!VALUED.contains(name)) {
                return Optional.empty();
            }
            String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null || value.startsWith("-")) {
                return Optional.empty();
            }
            try {
                set(command.options, name, value);
            } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.of(command);
    }

    private static void set(ConfigOptions o, String name, String value) {
        switch (name) {
            case "--config" -> o.configFile = Path.of(value);
            case "--host" -> o.host = value;
            case "--port" -> o.port = value;
            case "--data-dir" -> o.dataDir = value;
            case "--storage" -> o.storage = value;
            case "--toolsets" -> o.toolsets = value;
            default -> throw new IllegalStateException("unhandled option " + name);
        }
    }
}

package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code observatory mcp}'s command lines read without picocli mean what picocli reads them to mean. */
class McpArgsTest {

    @Test
    void plainCommandLinesGiveTheSameOptionsAsPicocli() {
        List<String[]> lines = List.of(new String[0], new String[] { "--data-dir", "/tmp/obs data" },
                new String[] { "--data-dir=/tmp/x", "--storage", "memory", "--read-only", "--demo", "--toolsets",
                        "core,runs", "--port", "0", "--host=::1", "--config", "obs.properties" },
                new String[] { "--toolsets=all", "--data-dir=" });
        for (String[] args : lines) {
            McpCommand fast = McpArgs.parse(args).orElseThrow();
            McpCommand picocli = new McpCommand();
            new CommandLine(picocli).parseArgs(args);
            assertThat(describe(fast)).as(String.join(" ", args)).isEqualTo(describe(picocli));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<String[]> lines = List.of(new String[] { "--help" }, new String[] { "-h" }, new String[] { "-V" },
                new String[] { "--no-such-option" }, new String[] { "--port" }, new String[] { "--port", "--demo" },
                new String[] { "--port", "1", "--port", "2" }, new String[] { "--demo", "--demo" },
                new String[] { "--read-only=false" }, new String[] { "--data-dir", "-x" }, new String[] { "extra" });
        for (String[] args : lines) {
            assertThat(McpArgs.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void aPlainCommandLineThatFailsReportsOneLineAndExitCode2() {
        var err = new java.io.ByteArrayOutputStream();
        var old = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.runMcp("--storage", "no-such-store");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("observatory: ")
                .contains("no-such-store").doesNotContain("\tat ");
    }

    private static String describe(McpCommand c) {
        ConfigOptions o = c.options;
        return String.join("|", String.valueOf(o.configFile), o.host, o.port, o.dataDir, o.storage, o.toolsets,
                String.valueOf(o.readOnly), String.valueOf(c.demo));
    }
}

package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real `observatory mcp` process: only JSON-RPC on stdout, exits when stdin closes. */
class StdioProcessIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void servesMcpOnStdoutOnlyAndExitsWhenStdinCloses(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "observatory.jar");
        assertThat(Files.exists(jar)).as("shaded jar built in package phase").isTrue();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "mcp",
                "--storage", "memory", "--demo", "--data-dir", dir.toString())
                        .redirectError(dir.resolve("stderr.log").toFile()).start();
        try (OutputStream in = p.getOutputStream();
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
            JsonNode init = JSON.readTree(out.readLine());
            assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("observatory");

            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode tools = JSON.readTree(out.readLine());
            List<String> names = new ArrayList<>();
            tools.path("result").path("tools").forEach(t -> names.add(t.path("name").asString()));
            assertThat(names).contains("list_runs", "get_run", "get_run_metrics", "search");

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_run\","
                    + "\"arguments\":{}}}");
            JsonNode bad = JSON.readTree(out.readLine());
            assertThat(bad.path("result").path("isError").asBoolean()).isTrue();
            assertThat(bad.path("result").toString()).contains("run_id");

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"list_runs\","
                    + "\"arguments\":{\"project\":\"vision-resnet\",\"limit\":3}}}");
            JsonNode runs = JSON.readTree(out.readLine());
            assertThat(runs.path("result").path("isError").asBoolean(false)).isFalse();
            assertThat(runs.path("result").path("structuredContent").toString()).contains("vision-resnet");

            in.close();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("process exits after stdin closes").isTrue();
            String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(rest).as("nothing but MCP on stdout").isEmpty();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("demo");
    }

    @Test
    void answersInitializeAndReportsAStoreThatCannotOpenInEveryToolCall(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory belongs");
        Path jar = Path.of("target", "observatory.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "mcp",
                "--data-dir", notADirectory.toString()).redirectError(dir.resolve("stderr.log").toFile()).start();
        try (OutputStream in = p.getOutputStream();
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
            assertThat(JSON.readTree(out.readLine()).path("result").path("serverInfo").path("name").asString())
                    .isEqualTo("observatory");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"list_projects\",\"arguments\":{}}}");
            JsonNode failed = JSON.readTree(out.readLine());

            assertThat(failed.path("result").path("isError").asBoolean()).isTrue();
            assertThat(failed.path("result").toString()).contains("storage could not be opened");
            in.close();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("process exits after stdin closes").isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static void send(OutputStream in, String json) throws Exception {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}

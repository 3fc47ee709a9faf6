package dev.observatory.core.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The committed tiny model server (test resource {@code tiny-model-server/Server.java}) run as a real process with the
 * test's own JDK ({@code java Server.java}); waits for its {@code LISTENING <port>} line.
 */
final class TinyModelServer implements AutoCloseable {
    final Process process;
    final int port;

    private TinyModelServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path source() {
        try {
            return Path.of(TinyModelServer.class.getResource("/tiny-model-server/Server.java").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TinyModelServer start(String... options) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(
                List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", source().toString(), "--port", "0"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("LISTENING ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the tiny model server did not start: " + line);
        }
        return new TinyModelServer(p, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a child process, as a user runs it: {@code java [jvmOptions] -jar target/observatory.jar serve} on a
 * free port, for the kill -9 tests ({@link DurabilityIT}, {@link SpanDurabilityIT}).
 */
record ServerProcess(Process process, URI base, Path log) {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    static ServerProcess start(Path data, Path log, String... jvmOptions) throws Exception {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target/observatory.jar");
        assertThat(jar).as("the shaded jar (built in the package phase)").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(
                List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0", "--data-dir", data.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) { // serve prints "observatory: listening on http://127.0.0.1:<port>" to stderr
                URI base = URI.create("http://127.0.0.1:" + m.group(1) + "/");
                try {
                    if (probe.send(HttpRequest.newBuilder(base.resolve("/health")).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new ServerProcess(p, base, log);
                    }
                } catch (IOException notYet) {
                    // not answering yet
                }
            }
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("the server did not start within 30 s; its output:\n" + Files.readString(log));
    }

    /**
     * Kills the server (SIGKILL) once every client's set of acknowledged items holds {@code minAcked} (or after
     * {@code maxSeconds}), then waits up to 30 s for each client thread to notice.
     */
    void killWhenAcked(List<? extends Set<?>> acked, int minAcked, int maxSeconds, List<Thread> clients)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (acked.stream().mapToInt(Set::size).min().orElse(0) < minAcked && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        kill();
        for (Thread t : clients) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}

package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alertmanager sink against a real Alertmanager (Debian package prometheus-alertmanager) on a loopback port. */
class AlertmanagerSinkTest {
    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    @TempDir
    Path dir;
    Process alertmanager;
    String base;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "Alertmanager is not installed: run .ci/install-alertmanager.sh"
                + " (apt-get install -y prometheus-alertmanager); CI installs it");
        Files.writeString(dir.resolve("am.yml"), """
                route:
                  receiver: none
                receivers:
                  - name: none
                """);
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile())
                        .start();
        awaitReady();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Alertmanager did not start: " + Files.readString(dir.resolve("am.log")));
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void firingAlertsArePostedToTheV2ApiAndReadBack() throws Exception {
        Instant now = Instant.now();
        AlertState a = new AlertState("0123456789abcdef", "high-error-rate",
                Map.of("alertname", "high-error-rate", "severity", "critical", "service", "api"), Severity.CRITICAL,
                AlertState.FIRING, 0.4, 0.2, now.minusSeconds(60), now.minusSeconds(30), null, Map.of(),
                "too many failed calls");
        HttpSink sink = new HttpSink(SinkConfig.of("am", "alertmanager", base), new UrlGuard(false, true, false),
                HttpSink.Format.ALERTMANAGER);
        Sink.Outcome o = sink.deliver(List.of(new Notification(a, AlertState.FIRING, now)));
        assertThat(o.detail()).isEqualTo("HTTP 200");

        String alerts = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(alerts).contains("\"alertname\":\"high-error-rate\"").contains("\"service\":\"api\"")
                .contains("\"state\":\"active\"").contains("too many failed calls");
    }
}

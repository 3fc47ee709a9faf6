package dev.observatory.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The docker-java client of {@link DockerEngine} against a FAKE Engine API: a JDK HttpServer on a loopback TCP port
 * that answers the few endpoints Observatory calls with canned JSON and records each request. This checks the request
 * shapes (paths, methods, port binding, labels, env, log framing) and the parsing of the answers; it is NOT a test
 * against Docker (no engine runs here).
 */
class DockerEngineFakeApiTest {
    record Call(String method, String path, String query, String body) {
    }

    HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    DockerEngine engine;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        engine = DockerEngine.at("tcp://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        engine.close();
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().replaceFirst("^/v1\\.[0-9]+", "");
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(x.getRequestMethod(), path, x.getRequestURI().getQuery(), body));
        switch (path) {
            case "/_ping" -> send(x, 200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8));
            case "/version" -> json(x, 200, "{\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\"}");
            case "/containers/create" -> json(x, 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
            case "/containers/c0ffee/start", "/containers/c0ffee/stop", "/containers/c0ffee" ->
                    send(x, 204, null, null);
            case "/containers/c0ffee/logs" -> send(x, 200, "application/vnd.docker.raw-stream",
                    concat(frame(1, "ready on 8000\n"), frame(2, "warming up\n")));
            case "/containers/json" -> json(x, 200,
                    "[{\"Id\":\"c0ffee\",\"Names\":[\"/observatory-d1\"],\"State\":" + "\"running\",\"Labels\":{\""
                            + DockerEngine.LABEL + "\":\"d1\"}},{\"Id\":\"other\",\"Labels\":{}}]");
            case "/images/tiny:1/json" -> json(x, 200, "{\"Id\":\"sha256:abc\",\"Size\":123456}");
            default -> json(x, 404, "{\"message\":\"no such endpoint in the fake: " + path + "\"}");
        }
    }

    private static void json(HttpExchange x, int code, String s) throws IOException {
        send(x, code, "application/json", s.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int code, String type, byte[] body) throws IOException {
        if (type != null) {
            x.getResponseHeaders().add("Content-Type", type);
        }
        x.sendResponseHeaders(code, body == null ? -1 : body.length);
        if (body != null) {
            x.getResponseBody().write(body);
        }
        x.close();
    }

    /** One frame of the engine's multiplexed log stream: stream type, 3 zero bytes, big-endian length, payload. */
    private static byte[] frame(int stream, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + p.length).put((byte) stream).put(new byte[3]).putInt(p.length).put(p).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void pingAndVersionOfAnAnsweringEngine() {
        assertThat(engine.unavailableReason()).isNull();
        assertThat(engine.version()).isEqualTo("27.3.1");
        assertThat(calls).extracting(Call::path).contains("/_ping", "/version");
    }

    @Test
    void createSendsTheLoopbackPortBindingTheLabelAndTheEnvironmentThenStartStopRemove() throws Exception {
        String id = engine.create("d1", "vllm/vllm-openai:latest", 41234, 8000, Map.of("HF_TOKEN", "t"),
                List.of("--model", "tiny"));
        engine.start(id);
        engine.stop(id, java.time.Duration.ofSeconds(5));
        engine.remove(id);

        assertThat(id).isEqualTo("c0ffee");
        Call create = calls.stream().filter(c -> c.path().equals("/containers/create")).findFirst().orElseThrow();
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.query()).contains("name=observatory-d1");
        assertThat(create.body()).contains("\"Image\":\"vllm/vllm-openai:latest\"", "\"8000/tcp\"",
                "\"HostIp\":\"127.0.0.1\"", "\"HostPort\":\"41234\"", "\"" + DockerEngine.LABEL + "\":\"d1\"",
                "\"HF_TOKEN=t\"", "\"--model\"");
        assertThat(calls).extracting(c -> c.method() + " " + c.path()).contains("POST /containers/c0ffee/start",
                "POST /containers/c0ffee/stop", "DELETE /containers/c0ffee");
        assertThat(calls).filteredOn(c -> c.path().endsWith("/stop")).extracting(Call::query)
                .allSatisfy(q -> assertThat(q).contains("t=5"));
    }

    @Test
    void logsAreDemultipexedAndLabelledContainersAreFoundForReattachment() throws Exception {
        assertThat(engine.logs("c0ffee", 50)).containsExactly("ready on 8000", "warming up");
        assertThat(calls).filteredOn(c -> c.path().endsWith("/logs")).extracting(Call::query)
                .allSatisfy(q -> assertThat(q).contains("tail=50", "stdout=true", "stderr=true"));

        assertThat(engine.labelled()).containsOnlyKeys("d1")
                .containsValue(new DockerEngine.LabelledContainer("c0ffee", "d1", "running"));
        assertThat(calls).filteredOn(c -> c.path().equals("/containers/json")).extracting(Call::query)
                .allSatisfy(q -> assertThat(q).contains("all=true", DockerEngine.LABEL));
        assertThat(engine.imageSize("tiny:1")).isEqualTo(123456L);
    }

    @Test
    void noEngineIsReportedUnavailableWithTheReason() throws IOException {
        assertThat(DockerEngine.at("unix:///nonexistent/docker.sock").unavailableReason())
                .contains("/nonexistent/docker.sock does not exist", "DOCKER_HOST");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (DockerEngine none = DockerEngine.at("tcp://127.0.0.1:" + closed)) {
            assertThat(none.unavailableReason())
                    .startsWith("the Docker engine at tcp://127.0.0.1:" + closed + " does not answer");
        }
    }
}

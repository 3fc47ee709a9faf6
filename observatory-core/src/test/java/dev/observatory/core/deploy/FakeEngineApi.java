package dev.observatory.core.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A RECORDED-PROTOCOL FAKE of the Docker Engine API, not Docker: a JDK HttpServer on a loopback TCP port that keeps
 * containers in memory and answers the endpoints Observatory calls with the JSON shapes the Engine API documents
 * (create 201 {Id, Warnings}, 404 "No such image", 409 name conflict; start/stop/kill 204, stop 304 when not running;
 * inspect {Id, RestartCount, State{Status, Running, ExitCode, OOMKilled, Error, StartedAt}}; logs in the multiplexed
 * stream format, 8-byte headers, held open with follow=true until the container ends; list with the label filter;
 * build: a tar context in, JSON progress lines out with {stream}, {aux:{ID}} or {errorDetail, error}; image inspect;
 * system df). Every request is recorded. A started container "serves": a small HTTP server on its published host port
 * answers /health. Its command decides what it does: {@code crash} prints to stdout and stderr and exits with code 3. A
 * Dockerfile with {@code RUN exit 7} fails its build; one with {@code RUN sleep} streams until the client drops the
 * connection (recorded in {@link #buildsDropped}).
 */
final class FakeEngineApi implements AutoCloseable {
    record Call(String method, String path, String query, String body) {
    }

    /** One container of the fake. */
    static final class Box {
        final String id;
        final String name;
        final String image;
        final List<String> cmd;
        final Map<String, String> labels;
        final JsonNode create;
        final List<byte[]> frames = new ArrayList<>() {
            @Override
            public boolean add(byte[] f) {
                times.add(Instant.now().getEpochSecond());
                return super.add(f);
            }
        };
        /** When each frame was printed (epoch seconds), for {@code since}. */
        final List<Long> times = new ArrayList<>();
        String status = "created";
        long exitCode;
        String startedAt = "0001-01-01T00:00:00Z";
        HttpServer published;

        Box(String id, String name, String image, List<String> cmd, Map<String, String> labels, JsonNode create) {
            this.id = id;
            this.name = name;
            this.image = image;
            this.cmd = cmd;
            this.labels = labels;
            this.create = create;
        }
    }

    static final ObjectMapper JSON = JsonMapper.builder().build();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Box> boxes = new ConcurrentHashMap<>();
    final Set<String> images = ConcurrentHashMap.newKeySet();
    final List<List<String>> buildContexts = new CopyOnWriteArrayList<>();
    final List<String> buildsDropped = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-engine");
        t.setDaemon(true);
        return t;
    });
    private int next;
    private volatile boolean down;

    FakeEngineApi(String... knownImages) throws IOException {
        images.addAll(List.of(knownImages));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::answer);
        server.start();
    }

    String host() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(String method, String pathSuffix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().endsWith(pathSuffix)).toList();
    }

    /** The container prints a line (stdout) now, as a running server would. */
    synchronized void print(String containerId, String line) {
        boxes.get(containerId).frames.add(frame(1, line + "\n"));
        notifyAll();
    }

    /** The container's process ends on its own with the code. */
    synchronized void exit(String containerId, int code) {
        ended(boxes.get(containerId), code);
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().replaceFirst("^/v1\\.[0-9]+", "");
            byte[] raw = x.getRequestBody().readAllBytes();
            String query = x.getRequestURI().getQuery() == null ? "" : x.getRequestURI().getQuery();
            boolean build = path.equals("/build");
            calls.add(new Call(x.getRequestMethod(), path, query,
                    build ? "<tar>" : new String(raw, StandardCharsets.UTF_8)));
            route(x, x.getRequestMethod(), path, query, raw);
        }
    }

    private void route(HttpExchange x, String method, String path, String query, byte[] body) throws IOException {
        if (path.equals("/_ping")) {
            send(x, 200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/version")) {
            json(x, 200, "{\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\"}");
        } else if (path.equals("/containers/create")) {
            create(x, query, body);
        } else if (path.equals("/containers/json")) {
            list(x, query);
        } else if (path.equals("/build")) {
            build(x, query, body);
        } else if (path.equals("/system/df")) {
            json(x, 200, "{\"LayersSize\":1000,\"Images\":[{\"Id\":\"a\",\"Size\":600},{\"Id\":\"b\",\"Size\":400}],"
                    + "\"Containers\":[{\"Id\":\"c\",\"SizeRw\":5}],\"Volumes\":[],\"BuildCache\":[{\"Size\":77}]}");
        } else if (path.startsWith("/images/") && path.endsWith("/json")) {
            String name = path.substring("/images/".length(), path.length() - "/json".length());
            if (images.contains(name)) {
                json(x, 200, "{\"Id\":\"sha256:feed\",\"RepoTags\":[\"" + name + "\"],\"Size\":4242}");
            } else {
                json(x, 404, "{\"message\":\"No such image: " + name + "\"}");
            }
        } else if (path.startsWith("/containers/")) {
            container(x, method, path.substring("/containers/".length()), query);
        } else {
            json(x, 404, "{\"message\":\"page not found\"}");
        }
    }

    private void create(HttpExchange x, String query, byte[] body) throws IOException {
        JsonNode spec = JSON.readTree(body);
        String name = query.replaceFirst(".*name=([^&]*).*", "$1");
        String image = spec.path("Image").asString();
        if (!images.contains(image)) {
            json(x, 404, "{\"message\":\"No such image: " + image + "\"}");
            return;
        }
        synchronized (this) {
            for (Box b : boxes.values()) {
                if (b.name.equals(name)) {
                    json(x, 409, "{\"message\":\"Conflict. The container name \\\"/" + name + "\\\" is already in use"
                            + " by container \\\"" + b.id + "\\\". You have to remove (or rename) that container to be"
                            + " able to reuse that name.\"}");
                    return;
                }
            }
            String id = String.format("%064x", ++next);
            List<String> cmd = new ArrayList<>();
            spec.path("Cmd").forEach(c -> cmd.add(c.asString()));
            Map<String, String> labels = new ConcurrentHashMap<>();
            spec.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            boxes.put(id, new Box(id, name, image, cmd, labels, spec));
            json(x, 201, "{\"Id\":\"" + id + "\",\"Warnings\":[]}");
        }
    }

    /** An existing container, by the Observatory's own name for tests of name clashes. */
    synchronized String addForeign(String name) {
        String id = String.format("%064x", ++next);
        boxes.put(id, new Box(id, name, "other:1", List.of(), Map.of(), JSON.createObjectNode()));
        return id;
    }

    private void list(HttpExchange x, String query) throws IOException {
        String filters = java.net.URLDecoder.decode(query, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("[");
        for (Box b : boxes.values()) {
            boolean match = !filters.contains("label") || b.labels.keySet().stream().anyMatch(filters::contains);
            if (match && (query.contains("all=true") || query.contains("all=1") || b.status.equals("running"))) {
                out.append(out.length() > 1 ? "," : "").append("{\"Id\":\"").append(b.id).append("\",\"Names\":[\"/")
                        .append(b.name).append("\"],\"Image\":\"").append(b.image).append("\",\"State\":\"")
                        .append(b.status).append("\",\"Labels\":").append(JSON.writeValueAsString(b.labels))
                        .append("}");
            }
        }
        json(x, 200, out.append("]").toString());
    }

    private void container(HttpExchange x, String method, String rest, String query) throws IOException {
        String[] parts = rest.split("/", 2);
        Box b = boxes.get(parts[0]);
        if (b == null) {
            json(x, 404, "{\"message\":\"No such container: " + parts[0] + "\"}");
            return;
        }
        String op = parts.length > 1 ? parts[1] : "";
        switch (method + " " + op) {
            case "POST start" -> {
                start(b);
                send(x, 204, null, null);
            }
            case "POST stop", "POST kill" -> {
                synchronized (this) {
                    if (!b.status.equals("running")) {
                        if (op.equals("stop")) {
                            send(x, 304, null, null);
                        } else {
                            json(x, 409, "{\"message\":\"Container " + b.id + " is not running\"}");
                        }
                        return;
                    }
                    ended(b, op.equals("stop") ? 143 : 137);
                }
                send(x, 204, null, null);
            }
            case "DELETE " -> {
                synchronized (this) {
                    ended(b, (int) b.exitCode);
                    boxes.remove(b.id);
                }
                send(x, 204, null, null);
            }
            case "GET json" -> json(x, 200,
                    "{\"Id\":\"" + b.id + "\",\"Name\":\"/" + b.name + "\",\"RestartCount\":0,"
                            + "\"State\":{\"Status\":\"" + b.status + "\",\"Running\":" + b.status.equals("running")
                            + ",\"ExitCode\":" + b.exitCode + ",\"OOMKilled\":false,\"Error\":\"\",\"StartedAt\":\""
                            + b.startedAt + "\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"}}");
            case "GET logs" -> logs(x, b, query);
            default -> json(x, 404, "{\"message\":\"not in the fake: " + method + " " + op + "\"}");
        }
    }

    private void start(Box b) throws IOException {
        synchronized (this) {
            b.status = "running";
            b.startedAt = Instant.now().toString();
            b.frames.add(frame(1, "starting " + String.join(" ", b.cmd) + "\n"));
            for (JsonNode e : b.create.path("Env")) {
                if (e.asString().startsWith("HF_TOKEN=")) {
                    b.frames.add(frame(1, "token is " + e.asString().substring("HF_TOKEN=".length()) + "\n"));
                }
            }
        }
        if (b.cmd.contains("crash")) {
            synchronized (this) {
                b.frames.add(frame(2, "fatal: CUDA error\n"));
                ended(b, 3);
            }
            return;
        }
        JsonNode bindings = b.create.path("HostConfig").path("PortBindings");
        for (var e : bindings.properties()) {
            int port = Integer.parseInt(e.getValue().get(0).path("HostPort").asString());
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            s.createContext("/", h -> {
                try (h) {
                    send(h, h.getRequestURI().getPath().equals("/health") ? 200 : 404, "application/json",
                            "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
                }
            });
            s.start();
            b.published = s;
        }
        synchronized (this) {
            b.frames.add(frame(1, "serving on " + bindings.properties().iterator().next().getKey() + "\n"));
            notifyAll();
        }
    }

    private void ended(Box b, int code) {
        if (b.status.equals("running") || b.status.equals("created")) {
            b.status = "exited";
            b.exitCode = code;
        }
        if (b.published != null) {
            b.published.stop(0);
            b.published = null;
        }
        notifyAll();
    }

    private void logs(HttpExchange x, Box b, String query) throws IOException {
        boolean follow = query.contains("follow=true") || query.contains("follow=1");
        int tail = query.matches(".*tail=\\d+.*") ? Integer.parseInt(query.replaceFirst(".*tail=(\\d+).*", "$1")) : -1;
        x.getResponseHeaders().add("Content-Type", "application/vnd.docker.raw-stream");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        int sent;
        synchronized (this) {
            sent = tail < 0 ? 0 : Math.max(0, b.frames.size() - tail);
            if (query.matches(".*since=\\d+.*")) {
                long since = Long.parseLong(query.replaceFirst(".*since=(\\d+).*", "$1"));
                sent = 0;
                while (sent < b.times.size() && b.times.get(sent) < since) {
                    sent++;
                }
            }
        }
        while (true) {
            List<byte[]> pending;
            synchronized (this) {
                while (follow && sent == b.frames.size() && b.status.equals("running") && boxes.containsKey(b.id)) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (down) {
                        return;
                    }
                }
                pending = new ArrayList<>(b.frames.subList(sent, b.frames.size()));
                sent = b.frames.size();
            }
            for (byte[] f : pending) {
                out.write(f);
            }
            out.flush();
            synchronized (this) {
                if (!follow || !b.status.equals("running") || !boxes.containsKey(b.id)) {
                    if (sent == b.frames.size()) {
                        return;
                    }
                }
            }
        }
    }

    private void build(HttpExchange x, String query, byte[] body) throws IOException {
        List<String> entries = tarEntries(body);
        buildContexts.add(entries);
        String tag = java.net.URLDecoder.decode(query.replaceFirst(".*(?:^|&)t=([^&]*).*", "$1"),
                StandardCharsets.UTF_8);
        String dockerfileName = query.matches(".*(?:^|&)dockerfile=.*")
                ? java.net.URLDecoder.decode(query.replaceFirst(".*(?:^|&)dockerfile=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8)
                : "Dockerfile";
        String dockerfile = new String(tarFile(body, dockerfileName), StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        line(out, "{\"stream\":\"Step 1/2 : FROM scratch\\n\"}");
        if (dockerfile.contains("RUN exit 7")) {
            line(out, "{\"stream\":\"Step 2/2 : RUN exit 7\\n\"}");
            line(out, "{\"errorDetail\":{\"code\":7,\"message\":\"The command '/bin/sh -c exit 7' returned a non-zero"
                    + " code: 7\"},\"error\":\"The command '/bin/sh -c exit 7' returned a non-zero code: 7\"}");
            return;
        }
        if (dockerfile.contains("RUN sleep")) {
            line(out, "{\"stream\":\"Step 2/2 : RUN sleep 600\\n\"}");
            try {
                for (int i = 0; i < 2_000; i++) {
                    Thread.sleep(50);
                    line(out, "{\"stream\":\" ---> Running in 4711 (" + i + ")\\n\"}");
                }
            } catch (IOException | InterruptedException e) {
                buildsDropped.add(tag);
            }
            return;
        }
        line(out, "{\"stream\":\"Step 2/2 : COPY MANIFEST /MANIFEST\\n\"}");
        line(out, "{\"aux\":{\"ID\":\"sha256:feed\"}}");
        line(out, "{\"stream\":\"Successfully built feed\\n\"}");
        line(out, "{\"stream\":\"Successfully tagged " + tag + "\\n\"}");
        images.add(tag);
    }

    private static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The names of a (possibly gzip-compressed) tar's entries. */
    static List<String> tarEntries(byte[] body) throws IOException {
        byte[] tar = ungzip(body);
        List<String> names = new ArrayList<>();
        for (int off = 0; off + 512 <= tar.length;) {
            String name = new String(tar, off, 100, StandardCharsets.UTF_8).replace("\0", "");
            if (name.isEmpty()) {
                break;
            }
            long size = Long.parseLong(new String(tar, off + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            names.add(name);
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    private static byte[] tarFile(byte[] body, String wanted) throws IOException {
        byte[] tar = ungzip(body);
        for (int off = 0; off + 512 <= tar.length;) {
            String name = new String(tar, off, 100, StandardCharsets.UTF_8).replace("\0", "");
            if (name.isEmpty()) {
                break;
            }
            int size = (int) Long.parseLong(new String(tar, off + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            if (name.equals(wanted)) {
                return java.util.Arrays.copyOfRange(tar, off + 512, off + 512 + size);
            }
            off += 512 + (size + 511) / 512 * 512;
        }
        return new byte[0];
    }

    private static byte[] ungzip(byte[] body) throws IOException {
        if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        return body;
    }

    /** One frame of the multiplexed stream: stream type (1 stdout, 2 stderr), 3 zero bytes, big-endian length. */
    static byte[] frame(int stream, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + p.length).put((byte) stream).put(new byte[3]).putInt(p.length).put(p).array();
    }

    static void json(HttpExchange x, int code, String s) throws IOException {
        send(x, code, "application/json", s.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange x, int code, String type, byte[] body) throws IOException {
        if (type != null) {
            x.getResponseHeaders().add("Content-Type", type);
        }
        x.sendResponseHeaders(code, body == null ? -1 : body.length);
        if (body != null) {
            x.getResponseBody().write(body);
        }
    }

    /** The engine goes away: connections close, followers end. */
    void stopAnswering() {
        down = true;
        server.stop(0);
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void close() {
        for (Box b : boxes.values()) {
            if (b.published != null) {
                b.published.stop(0);
            }
        }
        stopAnswering();
        pool.shutdownNow();
    }
}

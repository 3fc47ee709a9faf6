package dev.observatory.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 client on one kept-alive loopback socket: the request is written in one flush and the answer read
 * on the calling thread, so a latency measured through it is the server's time plus one loopback round trip, without
 * the JDK client's selector thread and executor hand-offs (two extra thread wake-ups per request, which on a busy
 * 2-core machine show up in the tail). Understands {@code Content-Length} and chunked answers; not a general client (no
 * redirects, no TLS, no {@code Connection: close} bodies). Refuses addresses that are not loopback. Used by the MCP
 * latency tool and by the MLflow replay ({@code mlflow.MlflowReplay}), which prepares its requests' bytes once.
 */
public final class RawHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** An answer: status, headers with lower-case names, and the body's bytes. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** The value of a header, by any case of its name; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A client of the server at {@code baseUrl} (http:// on a loopback address); connects on the first request. */
    public RawHttp(String baseUrl) {
        URI base = URI.create(baseUrl);
        LoopbackHttp.requireLoopback(base);
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
    }

    Response get(String path, Map<String, String> headers) throws IOException {
        return send(request("GET", path, headers, null));
    }

    Response postJson(String path, Map<String, String> headers, String json) throws IOException {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return send(request("POST", path, h, json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The bytes of a request with a JSON body (none when {@code json} is null), prepared once so that a measured call
     * only writes them ({@link #send}).
     */
    public byte[] request(String method, String path, String json) {
        return json == null ? request(method, path, Map.of(), null)
                : request(method, path, Map.of("Content-Type", "application/json"),
                        json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a prepared request in one flush and reads the whole answer on this thread. */
    public Response send(byte[] request) throws IOException {
        connect();
        out.write(request);
        out.flush();
        return read();
    }

    /** The bytes of a request with these headers and body (none when null), prepared once ({@link #send}). */
    public byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = new byte[0];
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(code, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return all.toByteArray();
            }
            all.write(in.readNBytes(n));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

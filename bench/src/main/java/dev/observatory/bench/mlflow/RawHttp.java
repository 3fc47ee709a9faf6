package dev.observatory.bench.mlflow;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare HTTP/1.1 client on one keep-alive connection to a loopback server: writes a request, reads the whole answer
 * (Content-Length or chunked). No parsing of the body and no pooling, so a measured call is as close to server time as
 * a client gets. Refuses addresses that are not loopback.
 */
final class RawHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** An answer: status and body bytes. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    RawHttp(String baseUrl) throws IOException {
        URI u = URI.create(baseUrl);
        if (!"http".equals(u.getScheme()) || !InetAddress.getByName(u.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("--url must be http:// on a loopback address, got " + baseUrl);
        }
        this.host = u.getHost();
        this.port = u.getPort();
        connect();
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** The bytes of a request, prepared once so that a measured call only writes them. */
    byte[] request(String method, String path, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    Answer send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0; n = Integer
                    .parseInt(line().split(";")[0].trim(), 16)) {
                b.write(in.readNBytes(n));
                line();
            }
            line();
            body = b.toByteArray();
        } else {
            body = in.readNBytes((int) Math.max(0, length));
        }
        if (close) {
            socket.close();
            connect();
        }
        return new Answer(code, body);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("the server closed the connection");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

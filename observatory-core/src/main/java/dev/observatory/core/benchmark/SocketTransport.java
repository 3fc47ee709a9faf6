package dev.observatory.core.benchmark;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Plain HTTP/1.1 over one keep-alive socket per worker, with the request bytes built once per payload: the load
 * generator must not be the bottleneck (the JDK HttpClient spends most of a loopback request in its own machinery).
 * Reads Content-Length and chunked answers; reconnects after {@code Connection: close} or an error. Connects to the
 * address the {@link EndpointGuard} checked, so DNS cannot change the target between check and load.
 */
final class SocketTransport implements Transport {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final EndpointGuard.Target target;
    private final List<byte[]> requests;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SocketTransport(EndpointGuard.Target target, String method, List<byte[]> bodies, int timeoutMs) {
        this.target = target;
        this.timeoutMs = timeoutMs;
        this.requests = bodies.stream().map(b -> request(method, b)).toList();
    }

    private byte[] request(String method, byte[] body) {
        String head = method + " " + target.path() + " HTTP/1.1\r\nHost: " + target.hostHeader()
                + "\r\nUser-Agent: observatory-benchmark\r\nAccept: application/json\r\n" + (method.equals("GET") ? ""
                        : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        if (method.equals("GET")) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public Answer send(int payload) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(requests.get(payload % requests.size()));
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMs);
        s.connect(new InetSocketAddress(target.address(), target.port()), timeoutMs);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Answer read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + cut(status));
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        int headBytes = 0;
        for (String h = line(); !h.isEmpty(); h = line()) {
            headBytes += h.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("answer headers over " + MAX_HEAD + " bytes");
            }
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        byte[] body = chunked ? chunked() : length >= 0 ? exactly(length) : untilClose();
        if (close || length < 0 && !chunked) {
            close();
        }
        return new Answer(code, body);
    }

    private byte[] chunked() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String t = line(); !t.isEmpty(); t = line()) {
                    // trailers are ignored
                }
                return b.toByteArray();
            }
            if (b.size() + n > MAX_BODY) {
                throw new IOException("answer body over " + MAX_BODY + " bytes");
            }
            b.write(exactly(n));
            line();
        }
    }

    private byte[] exactly(long n) throws IOException {
        if (n > MAX_BODY) {
            throw new IOException("answer body over " + MAX_BODY + " bytes");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new EOFException("connection closed in the middle of the answer");
        }
        return b;
    }

    private byte[] untilClose() throws IOException {
        return in.readNBytes(MAX_BODY);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed by the endpoint");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > MAX_HEAD) {
                throw new IOException("answer line over " + MAX_HEAD + " bytes");
            }
        }
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection
            }
            socket = null;
        }
    }
}

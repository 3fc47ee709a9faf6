package dev.observatory.bench.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The trivial endpoint of the run_benchmark bar: HTTP/1.1 keep-alive on 127.0.0.1, one virtual thread per connection,
 * answering every request with a fixed OpenAI-style completion (with usage). Does as little as an HTTP server can, so
 * the measured rate is the load generator's.
 */
final class TrivialEndpoint implements AutoCloseable {
    private static final byte[] BODY = ("{\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[{\"text\":\" ok\","
            + "\"index\":0}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":8,\"total_tokens\":11}}")
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = concat(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + "Content-Length: " + BODY.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
            BODY);

    private final ServerSocket server;

    TrivialEndpoint() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s;
                InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
                OutputStream out = s.getOutputStream()) {
            while (true) {
                long length = 0;
                String line = line(in);
                if (line == null) {
                    return;
                }
                while (!(line = line(in)).isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                out.write(ANSWER);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

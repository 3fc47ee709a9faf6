package dev.observatory.bench.mlflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * A do-nothing MLflow server for measuring the official client's own ceiling: it reads and drops every request and
 * answers {@code {}}, a canned run for runs/create and a canned 100,000-point history for metrics/get-history. Prints
 * {@code listening on http://127.0.0.1:PORT} and runs until killed. With {@code --fsync FILE} it is the floor of any
 * server that acknowledges a log-batch durably: before answering a log-batch it writes the size of the batch's points
 * in a compact form (24 bytes a metric: the 1,000-metric call's ~24 KB) into FILE, over space written and synced at
 * start, and {@code fdatasync}s it (what Observatory's metric journal does, decision 0039), without parsing anything.
 */
public final class NullMlflowServer {
    private NullMlflowServer() {
    }

    public static void main(String[] args) throws IOException {
        FileChannel journal = args.length == 2 && args[0].equals("--fsync") ? journal(Path.of(args[1])) : null;
        byte[] history = history(100_000);
        byte[] run = ("{\"run\":{\"info\":{\"run_id\":\"0123456789abcdef\",\"run_uuid\":\"0123456789abcdef\","
                + "\"experiment_id\":\"1\",\"status\":\"RUNNING\",\"start_time\":1,\"lifecycle_stage\":\"active\"},"
                + "\"data\":{}}}").getBytes(StandardCharsets.UTF_8);
        byte[] experiment = "{\"experiment_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String p = ex.getRequestURI().getPath();
            if (journal != null && p.endsWith("runs/log-batch")) {
                persist(journal, body);
            }
            answer(ex, p.endsWith("metrics/get-history") ? history
                    : p.endsWith("runs/create") ? run : p.endsWith("experiments/create") ? experiment : empty);
        });
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.start();
        System.out.println("listening on http://127.0.0.1:" + s.getAddress().getPort());
    }

    private static final int SPACE = 256 << 20;

    private static FileChannel journal(Path file) throws IOException {
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < SPACE >> 20; i++) {
            zeros.clear();
            c.write(zeros);
        }
        c.force(true);
        c.position(0);
        return c;
    }

    /** 24 bytes per metric of the body (counted by its "key" fields), written at the journal's end and synced. */
    private static synchronized void persist(FileChannel journal, byte[] body) throws IOException {
        int metrics = 0;
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '"' && body[i + 1] == 'k' && body[i + 2] == 'e' && body[i + 3] == 'y'
                    && body[i + 4] == '"') {
                metrics++;
            }
        }
        ByteBuffer record = ByteBuffer.wrap(body, 0, Math.min(body.length, Math.max(24, metrics * 24)));
        if (journal.position() + record.remaining() > SPACE) {
            journal.position(0);
        }
        while (record.hasRemaining()) {
            journal.write(record);
        }
        journal.force(false);
    }

    private static void answer(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A history in the layout the Observatory server writes. */
    static byte[] history(int n) {
        StringBuilder sb = new StringBuilder(n * 80).append("{\"metrics\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"key\":\"loss\",\"value\":").append(Math.exp(-i / 20_000.0))
                    .append(",\"timestamp\":").append(1_700_000_000_000L + i).append(",\"step\":").append(i)
                    .append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}

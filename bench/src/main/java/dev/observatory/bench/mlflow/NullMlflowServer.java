package dev.observatory.bench.mlflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A do-nothing MLflow server for measuring the official client's own ceiling: it reads and drops every request and
 * answers {@code {}}, a canned run for runs/create and a canned 100,000-point history for metrics/get-history. Prints
 * {@code listening on http://127.0.0.1:PORT} and runs until killed.
 */
public final class NullMlflowServer {
    private NullMlflowServer() {
    }

    public static void main(String[] args) throws IOException {
        byte[] history = history(100_000);
        byte[] run = ("{\"run\":{\"info\":{\"run_id\":\"0123456789abcdef\",\"run_uuid\":\"0123456789abcdef\","
                + "\"experiment_id\":\"1\",\"status\":\"RUNNING\",\"start_time\":1,\"lifecycle_stage\":\"active\"},"
                + "\"data\":{}}}").getBytes(StandardCharsets.UTF_8);
        byte[] experiment = "{\"experiment_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String p = ex.getRequestURI().getPath();
            answer(ex, p.endsWith("metrics/get-history") ? history
                    : p.endsWith("runs/create") ? run : p.endsWith("experiments/create") ? experiment : empty);
        });
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.start();
        System.out.println("listening on http://127.0.0.1:" + s.getAddress().getPort());
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

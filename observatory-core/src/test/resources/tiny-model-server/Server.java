import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny OpenAI-compatible model server for tests (no dependencies; run with {@code java Server.java}):
 * POST /v1/completions answers a completion with OpenAI-style usage (prompt tokens = words of the prompt, completion
 * tokens = max_tokens), GET /v1/models, GET /health and GET /openapi.json. Prints {@code LISTENING <port>} on stdout
 * once it accepts connections.
 * <p>
 * Options: --port N (0 = any free port), --host H (default 127.0.0.1), --model NAME, --error-every N (every Nth
 * completion answers HTTP 500), --delay-ms N (sleep before each completion), --crash (exit 3 at once, for crash tests).
 */
public class Server {
    static final Pattern PROMPT = Pattern.compile("\"prompt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d+)");
    static final AtomicLong COMPLETIONS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = 0;
        String host = "127.0.0.1";
        String model = "tiny-model";
        long errorEvery = 0;
        long delayMs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--model" -> model = args[++i];
                case "--error-every" -> errorEvery = Long.parseLong(args[++i]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[++i]);
                case "--crash" -> {
                    System.err.println("tiny model server: crashing on purpose (--crash)");
                    System.exit(3);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String name = model;
        long every = errorEvery;
        long delay = delayMs;
        server.createContext("/v1/completions", ex -> completion(ex, name, every, delay));
        server.createContext("/v1/models", ex -> send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + name
                + "\",\"object\":\"model\",\"owned_by\":\"observatory-tests\"}]}"));
        server.createContext("/health", ex -> send(ex, 200, "{\"status\":\"ok\"}"));
        server.createContext("/openapi.json", ex -> send(ex, 200, OPENAPI));
        server.createContext("/", ex -> send(ex, 404, "{\"error\":\"not found\"}"));
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
        System.err.println("tiny model server for " + name + " on " + host + ":" + server.getAddress().getPort());
    }

    static void completion(HttpExchange ex, String model, long errorEvery, long delayMs) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, "{\"error\":\"POST only\"}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        long n = COMPLETIONS.incrementAndGet();
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (errorEvery > 0 && n % errorEvery == 0) {
            send(ex, 500, "{\"error\":{\"message\":\"injected failure " + n + "\"}}");
            return;
        }
        Matcher p = PROMPT.matcher(body);
        String prompt = p.find() ? p.group(1) : "";
        Matcher m = MAX_TOKENS.matcher(body);
        int maxTokens = m.find() ? Math.min(4096, Integer.parseInt(m.group(1))) : 16;
        int promptTokens = prompt.isBlank() ? 0 : prompt.trim().split("\\s+").length;
        String text = " token".repeat(maxTokens);
        send(ex, 200, "{\"id\":\"cmpl-" + n + "\",\"object\":\"text_completion\",\"created\":0,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + maxTokens
                + ",\"total_tokens\":" + (promptTokens + maxTokens) + "}}");
    }

    static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    static final String OPENAPI = """
            {"openapi":"3.0.3","info":{"title":"tiny model server","version":"1.0"},
             "paths":{
              "/v1/completions":{"post":{"summary":"OpenAI-compatible text completion",
                "requestBody":{"content":{"application/json":{"schema":{"type":"object",
                  "properties":{"model":{"type":"string"},"prompt":{"type":"string"},"max_tokens":{"type":"integer"}}}}}},
                "responses":{"200":{"description":"completion with usage"}}}},
              "/v1/models":{"get":{"summary":"served models","responses":{"200":{"description":"model list"}}}},
              "/health":{"get":{"summary":"liveness","responses":{"200":{"description":"ok"}}}}}}
            """;
}

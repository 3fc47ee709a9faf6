package dev.observatory.core.benchmark;

import dev.observatory.model.benchmark.BenchmarkLevel;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/** Runs the levels of one benchmark in order and reports progress about twice a second. */
final class BenchmarkRunner {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** System property that sends plain http through the JDK HttpClient too (bench/ compares the two transports). */
    static final String JDK_CLIENT_PROPERTY = "observatory.benchmark.jdkClient";

    private BenchmarkRunner() {
    }

    static List<BenchmarkLevel> run(EndpointGuard.Target target, BenchmarkRequest req, BenchmarkProgress progress)
            throws InterruptedException {
        List<byte[]> bodies = bodies(req);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, req.timeout().toMillis());
        HttpClient https = target.scheme().equals("https") || Boolean.getBoolean(JDK_CLIENT_PROPERTY)
                ? JdkTransport.client(req.timeout())
                : null;
        List<BenchmarkLevel> out = new ArrayList<>();
        int levels = req.concurrency().size();
        double perLevel = req.requests() != null ? req.requests() : req.duration().toMillis();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        try {
            for (int i = 0; i < levels; i++) {
                int c = req.concurrency().get(i);
                LoadLevel level = new LoadLevel(c, req.duration().toNanos(), req.requests(),
                        w -> https != null ? new JdkTransport(https, target, req.method(), bodies, req.timeout())
                                : new SocketTransport(target, req.method(), bodies, timeoutMs));
                int index = i;
                long started = System.nanoTime();
                var tick = ticker.scheduleAtFixedRate(() -> {
                    double within = req.requests() != null ? Math.min(perLevel, level.done.get())
                            : Math.min(perLevel, (System.nanoTime() - started) / 1e6);
                    progress.report(index * perLevel + within, levels * perLevel, "concurrency " + c + ": "
                            + level.done.get() + " requests, " + level.errors.get() + " errors");
                }, 500, 500, TimeUnit.MILLISECONDS);
                BenchmarkLevel result = level.run();
                tick.cancel(false);
                out.add(result);
                progress.report((i + 1) * perLevel, levels * perLevel, "concurrency " + c + " done: "
                        + result.requests() + " requests, " + Math.round(result.throughputRps()) + " req/s");
            }
        } finally {
            ticker.shutdownNow();
            if (https != null) {
                https.close();
            }
        }
        return out;
    }

    /** The payloads as bytes, or OpenAI completion bodies built from the prompts. */
    static List<byte[]> bodies(BenchmarkRequest req) {
        List<byte[]> out = new ArrayList<>();
        if (!req.payloads().isEmpty()) {
            req.payloads().forEach(p -> out.add(p.getBytes(StandardCharsets.UTF_8)));
        } else if (!req.prompts().isEmpty()) {
            for (String p : req.prompts()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("model", req.model());
                body.put("prompt", p);
                body.put("max_tokens", req.maxTokens());
                out.add(JSON.writeValueAsBytes(body));
            }
        } else {
            out.add(new byte[0]);
        }
        return out;
    }
}

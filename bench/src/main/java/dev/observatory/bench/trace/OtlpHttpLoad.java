package dev.observatory.bench.trace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issue-5 ingest bar as a client sees it: OTLP/HTTP protobuf exports of 512 spans ({@link OtlpBodies}, built with
 * the official OpenTelemetry protobuf classes before the clock starts) POSTed to a running server's {@code /v1/traces}
 * by 4 loopback clients, each waiting for its answer before the next export (as an SDK's batch processor does); a
 * 429/503 is retried after its Retry-After, as the OTLP exporters do. The rate counts the spans acknowledged between
 * the first request and the last answer; afterwards the tool checks through {@code POST /api/v1/query} that every
 * acknowledged span is queryable. A warm-up of other traces runs first (the server's JIT), unless it is 0. Usage:
 * {@code OtlpHttpLoad URL [spans=300000] [clients=4] [warmup-spans=100000] [server-pid]}. Prints one {@code RESULT}
 * line; with the server's pid (Linux) also a {@code CPU} line: the CPU per 512-span export of the server process, of
 * its thread groups and of this client, during the measured spans only (on a shared machine the rate is noisy, the CPU
 * per export much less).
 */
public final class OtlpHttpLoad {
    private static final int BATCH = 512;
    private static final Pattern COUNT = Pattern.compile("\"rows\"\\s*:\\s*\\[\\s*\\[\\s*\"?(\\d+)");

    private OtlpHttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: OtlpHttpLoad URL [spans] [clients] [warmup-spans]");
        }
        String base = args[0];
        String host = URI.create(base).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("loopback only: " + base + " is not on 127.0.0.1 or localhost");
        }
        long spans = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long warmup = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
        String serverPid = args.length > 4 ? args[4] : null;
        long perTrace = SyntheticSpans.SPANS_PER_TRACE;
        // dated in the last day, so that no retention setting drops them
        long shift = System.currentTimeMillis() * 1_000_000L - SyntheticSpans.T0 - SyntheticSpans.DAY;
        List<byte[]> warm = OtlpBodies.bodies(1_000_000_000L, warmup / perTrace, BATCH, shift);
        List<byte[]> measured = OtlpBodies.bodies(0, spans / perTrace, BATCH, shift);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI traces = URI.create(base + "/v1/traces");
        if (!warm.isEmpty()) {
            send(http, traces, warm, clients);
        }
        Map<String, Long> server0 = serverPid == null ? Map.of() : ThreadCpu.byName(serverPid);
        Map<String, Long> client0 = ThreadCpu.byName();
        long t0 = System.nanoTime();
        long retries = send(http, traces, measured, clients);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (serverPid != null) {
            printCpu(ThreadCpu.since(serverPid, server0), ThreadCpu.since(client0), measured.size());
        }
        long sent = spans / perTrace * perTrace;
        long stored = count(http, base);
        long expected = sent + warmup / perTrace * perTrace;
        System.out.printf(
                "RESULT spans=%d clients=%d seconds=%.2f spans_per_s=%.0f retries=%d queryable=%d expected=%d"
                        + " body_bytes=%d%n",
                sent, clients, seconds, sent / seconds, retries, stored, expected, measured.get(0).length);
        if (stored != expected) {
            throw new IllegalStateException("acknowledged " + expected + " spans but " + stored + " are queryable");
        }
    }

    /** CPU per export: the server's total and its thread groups (1 ms and more), the client's total. */
    private static void printCpu(Map<String, Long> server, Map<String, Long> client, int exports) {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : server.entrySet()) {
            total += e.getValue();
            double ms = e.getValue() / 1e6 / exports;
            if (ms >= 0.05) {
                sb.append(String.format(" '%s'=%.2f", e.getKey(), ms));
            }
        }
        long clientTotal = client.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("CPU ms_per_export server=%.2f client=%.2f |%s%n", total / 1e6 / exports,
                clientTotal / 1e6 / exports, sb);
    }

    /** Sends every body from {@code clients} threads; answers the number of retries after 429/503. */
    private static long send(HttpClient http, URI uri, List<byte[]> bodies, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    if (!post(http, uri, bodies.get(i), retries)) {
                        failed.incrementAndGet();
                    }
                }
            }, "otlp-client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " exports failed");
        }
        return retries.get();
    }

    private static boolean post(HttpClient http, URI uri, byte[] body, AtomicLong retries) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    return true;
                }
                if (r.statusCode() != 429 && r.statusCode() != 503) {
                    System.err.println("export answered " + r.statusCode() + ": " + new String(r.body()));
                    return false;
                }
                retries.incrementAndGet();
                long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.min(wait * 1000, 2000));
            } catch (Exception e) {
                System.err.println("export failed: " + e);
                return false;
            }
        }
        return false;
    }

    private static long count(HttpClient http, String base) throws Exception {
        HttpRequest q = HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString("{\"sql\":\"SELECT count(*) AS n FROM spans WHERE trace_id LIKE '5eed%'\"}"))
                .build();
        String answer = http.send(q, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = COUNT.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer to the count query: " + answer);
        }
        return Long.parseLong(m.group(1));
    }
}

package dev.observatory.bench.trace;

import dev.observatory.bench.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * per export much less). The RESULT line also gives the p50, p99 and longest time of an export to its 200.
 * {@code --client raw} (the default) sends with {@link RawHttp}, a blocking one-socket HTTP/1.1 client per thread whose
 * requests' bytes are prepared before the clock starts; {@code --client jdk} with the JDK's {@code HttpClient}, whose
 * selector thread and executor hand-offs cost this shared 2-core machine 1.5-2.3 ms of CPU per export that the server
 * then lacks (session 11).
 */
public final class OtlpHttpLoad {
    private static final int BATCH = 512;
    private static final Pattern COUNT = Pattern.compile("\"rows\"\\s*:\\s*\\[\\s*\\[\\s*\"?(\\d+)");

    private OtlpHttpLoad() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(argv));
        int flag = rest.indexOf("--client");
        boolean raw = true;
        if (flag >= 0) {
            if (flag + 1 >= rest.size() || !List.of("raw", "jdk").contains(rest.get(flag + 1))) {
                throw new IllegalArgumentException("--client takes raw or jdk");
            }
            raw = rest.get(flag + 1).equals("raw");
            rest.subList(flag, flag + 2).clear();
        }
        String[] args = rest.toArray(String[]::new);
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
        Sender sender = raw ? new RawSender(base, warm, measured) : new JdkSender(http, traces);
        if (!warm.isEmpty()) {
            send(sender, warm, clients);
        }
        Map<String, Long> server0 = serverPid == null ? Map.of() : ThreadCpu.byName(serverPid);
        long serverTotal0 = serverPid == null ? 0 : ThreadCpu.process(serverPid);
        long clientTotal0 = ThreadCpu.process("self");
        long t0 = System.nanoTime();
        Sent result = send(sender, measured, clients);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (serverPid != null) {
            printCpu(ThreadCpu.since(serverPid, server0), ThreadCpu.process(serverPid) - serverTotal0,
                    ThreadCpu.process("self") - clientTotal0, measured.size());
        }
        long sent = spans / perTrace * perTrace;
        long stored = count(http, base);
        long expected = sent + warmup / perTrace * perTrace;
        System.out.printf(
                "RESULT spans=%d clients=%d seconds=%.2f spans_per_s=%.0f retries=%d queryable=%d expected=%d"
                        + " body_bytes=%d client=%s export_p50_ms=%.1f export_p99_ms=%.1f export_max_ms=%.1f%n",
                sent, clients, seconds, sent / seconds, result.retries(), stored, expected, measured.get(0).length,
                raw ? "raw" : "jdk", result.millisAt(0.5), result.millisAt(0.99), result.millisAt(1.0));
        if (stored != expected) {
            throw new IllegalStateException("acknowledged " + expected + " spans but " + stored + " are queryable");
        }
    }

    /** CPU per export: the server's total and its thread groups (1 ms and more), the client's total. */
    private static void printCpu(Map<String, Long> server, long total, long clientTotal, int exports) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : server.entrySet()) {
            double ms = e.getValue() / 1e6 / exports;
            if (ms >= 0.05) {
                sb.append(String.format(" '%s'=%.2f", e.getKey(), ms));
            }
        }
        System.out.printf("CPU ms_per_export server=%.2f client=%.2f |%s%n", total / 1e6 / exports,
                clientTotal / 1e6 / exports, sb);
    }

    /** What a send did: retries after 429/503, and each export's time to its 200 in nanoseconds, sorted. */
    private record Sent(long retries, long[] sortedNanos) {
        double millisAt(double quantile) {
            return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(quantile * sortedNanos.length))] / 1e6;
        }
    }

    /** Sends every body from {@code clients} threads. */
    private static Sent send(Sender sender, List<byte[]> bodies, int clients) throws InterruptedException {
        long[] nanos = new long[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                try (Connection connection = sender.open()) {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        if (!post(connection, bodies.get(i), retries)) {
                            failed.incrementAndGet();
                        }
                        nanos[i] = System.nanoTime() - t0;
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
        Arrays.sort(nanos);
        return new Sent(retries.get(), nanos);
    }

    /** Posts one export until it is answered 200 (false when it is refused or fails). */
    private static boolean post(Connection connection, byte[] body, AtomicLong retries) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Answer r = connection.post(body);
                if (r.status() == 200) {
                    return true;
                }
                if (r.status() != 429 && r.status() != 503) {
                    System.err.println("export answered " + r.status() + ": " + r.text());
                    return false;
                }
                retries.incrementAndGet();
                long wait = r.retryAfter() == null ? 1L : Long.parseLong(r.retryAfter().strip());
                Thread.sleep(Math.min(wait * 1000, 2000));
            } catch (Exception e) {
                System.err.println("export failed: " + e);
                return false;
            }
        }
        return false;
    }

    /** An export's answer: status, Retry-After (null when absent) and the body as text. */
    private record Answer(int status, String retryAfter, String text) {
    }

    /** One client thread's way to post exports. */
    private interface Connection extends AutoCloseable {
        Answer post(byte[] body) throws IOException, InterruptedException;

        @Override
        void close();
    }

    /** Opens a connection per client thread. */
    private interface Sender {
        Connection open();
    }

    /** The JDK's HttpClient, shared by the threads. */
    private record JdkSender(HttpClient http, URI uri) implements Sender {
        @Override
        public Connection open() {
            return new Connection() {
                @Override
                public Answer post(byte[] body) throws IOException, InterruptedException {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-protobuf")
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                            new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** {@link RawHttp}, a socket per thread; every body's request bytes built once, before any is sent. */
    private static final class RawSender implements Sender {
        private final String base;
        private final Map<byte[], byte[]> requests = new java.util.IdentityHashMap<>();

        RawSender(String base, List<byte[]> warm, List<byte[]> measured) {
            this.base = base;
            RawHttp http = new RawHttp(base); // only formats here: it connects on its first send
            for (List<byte[]> bodies : List.of(warm, measured)) {
                for (byte[] body : bodies) {
                    requests.put(body,
                            http.request("POST", "/v1/traces", Map.of("Content-Type", "application/x-protobuf"), body));
                }
            }
        }

        @Override
        public Connection open() {
            RawHttp http = new RawHttp(base);
            return new Connection() {
                @Override
                public Answer post(byte[] body) throws IOException {
                    RawHttp.Response r = http.send(requests.get(body));
                    return new Answer(r.status(), r.header("Retry-After"), r.text());
                }

                @Override
                public void close() {
                    try {
                        http.close();
                    } catch (IOException e) {
                        System.err.println("closing a client socket: " + e);
                    }
                }
            };
        }
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

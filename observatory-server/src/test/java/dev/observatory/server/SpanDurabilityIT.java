package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Span durability across checkpoints: the server runs with a 1 MB checkpoint threshold, so that commits checkpoint
 * again and again while two OTLP/HTTP exporters send spans; it is killed with {@code kill -9}, and after a restart
 * every span of every acknowledged export is there, exactly once (decision 0011: a 200 means durably stored).
 */
class SpanDurabilityIT {
    private static final int SPANS_PER_EXPORT = 300;
    private static final int CLIENTS = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedExportIsThereOnceAfterAKillBetweenFrequentCheckpoints() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<Set<Long>> acked = new ArrayList<>();
        AtomicInteger cutOffByKill = new AtomicInteger();
        String[] often = { "-Dobservatory.duckdb.checkpointThreshold=1MB" };
        ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"), often);
        try {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                acked.add(new ConcurrentSkipListSet<>());
                clients.add(Thread.ofPlatform().name("export-" + c)
                        .start(() -> exportUntilRefused(first.base(), client, acked.get(client), cutOffByKill)));
            }
            first.killWhenAcked(acked, 40, 30, clients);
        } finally {
            first.kill();
        }
        assertThat(cutOffByKill).as("exporters still sending when the server was killed").hasValue(CLIENTS);
        // 40 exports per client are ~7 MB of WAL: several checkpoints ran before the kill
        assertThat(acked).allSatisfy(a -> assertThat(a).as("acknowledged exports").hasSizeGreaterThanOrEqualTo(40));

        ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"));
        try {
            Map<String, Long> stored = spansPerTrace(second.base());
            for (int c = 0; c < CLIENTS; c++) {
                for (long export : acked.get(c)) {
                    assertThat(stored.get(traceId(c, export)))
                            .as("spans of acknowledged export %d of client %d (%d acknowledged)", export, c,
                                    acked.get(c).size())
                            .isEqualTo(SPANS_PER_EXPORT);
                }
            }
            assertThat(stored.values()).as("no export is stored in part or twice")
                    .allSatisfy(n -> assertThat(n).isEqualTo(SPANS_PER_EXPORT));
        } finally {
            second.kill();
        }
    }

    /** Sends export after export (each one trace of {@link #SPANS_PER_EXPORT} spans) until the server is gone. */
    private void exportUntilRefused(URI base, int client, Set<Long> acked, AtomicInteger cutOffByKill) {
        for (long e = 0; e < 100_000; e++) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base.resolve("/v1/traces")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(export(client, e))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && !r.body().contains("rejectedSpans")) {
                    acked.add(e);
                }
            } catch (IOException x) {
                cutOffByKill.incrementAndGet();
                return;
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String traceId(int client, long export) {
        return String.format("%08x%024x", client + 1, export + 1);
    }

    /** An OTLP/JSON export: one trace of {@link #SPANS_PER_EXPORT} spans with a few attributes each. */
    private static String export(int client, long export) {
        StringBuilder spans = new StringBuilder();
        long t0 = System.currentTimeMillis() * 1_000_000L;
        for (int s = 0; s < SPANS_PER_EXPORT; s++) {
            spans.append(s == 0 ? "" : ",").append("{\"traceId\":\"").append(traceId(client, export))
                    .append("\",\"spanId\":\"").append(String.format("%016x", s + 1)).append("\",")
                    .append(s == 0 ? "" : "\"parentSpanId\":\"0000000000000001\",").append("\"name\":\"step ")
                    .append(s % 13).append("\",\"kind\":1,\"startTimeUnixNano\":\"").append(t0 + s)
                    .append("\",\"endTimeUnixNano\":\"").append(t0 + s + 1_000_000)
                    .append("\",\"attributes\":[{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":")
                    .append("\"gpt-4o\"}},{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"")
                    .append(100 + s).append("\"}},{\"key\":\"note\",\"value\":{\"stringValue\":\"")
                    .append("some text to give the WAL bytes ").append(s).append("\"}}]}");
        }
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"durability\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"it\"},\"spans\":[" + spans
                + "]}]}]}";
    }

    /** Spans stored per trace id, through the SQL endpoint. */
    private Map<String, Long> spansPerTrace(URI base) throws Exception {
        String sql = "{\"sql\":\"SELECT trace_id, count(*) AS n FROM spans WHERE service = 'durability' "
                + "GROUP BY trace_id\",\"max_rows\":5000}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/query"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(r.body()).path("rows");
        assertThat(JSON.readTree(r.body()).path("truncated").asBoolean(false)).as("all groups in one answer").isFalse();
        Map<String, Long> out = new HashMap<>();
        for (JsonNode row : rows) {
            out.put(row.get(0).asString(), row.get(1).asLong());
        }
        return out;
    }
}

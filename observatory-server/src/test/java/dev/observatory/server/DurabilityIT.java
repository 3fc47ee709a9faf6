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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durability bar: the server is killed with {@code kill -9} (SIGKILL through {@link Process#destroyForcibly()}) while
 * clients are ingesting; after a restart on the same data directory every batch that got a success answer is there.
 * Runs the shaded jar built in the package phase as a child process, like a user does.
 */
class DurabilityIT {
    private static final int POINTS_PER_BATCH = 5_000;
    private static final int CLIENTS = 2;
    private static final String KEY = "loss";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchIsThereAfterTheServerIsKilledMidIngest() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<String> runs = new ArrayList<>();
        List<Set<Long>> acked = new ArrayList<>();
        AtomicInteger cutOffByKill = new AtomicInteger();
        ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"));
        try {
            for (int c = 0; c < CLIENTS; c++) {
                runs.add(createRun(first.base(), "durability-" + c));
                acked.add(new ConcurrentSkipListSet<>());
            }
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().name("ingest-" + c).start(
                        () -> ingestUntilRefused(first.base(), runs.get(client), acked.get(client), cutOffByKill)));
            }
            first.killWhenAcked(acked, 15, 20, clients);
        } finally {
            first.kill();
        }
        assertThat(cutOffByKill).as("clients still ingesting when the server was killed").hasValue(CLIENTS);
        assertThat(acked)
                .allSatisfy(a -> assertThat(a).as("acknowledged batches before the kill").hasSizeGreaterThan(5));

        ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"));
        try {
            for (int c = 0; c < CLIENTS; c++) {
                Set<Long> stored = storedSteps(second.base(), runs.get(c));
                Set<Long> ackedBatches = acked.get(c);
                for (long batch : ackedBatches) {
                    long firstStep = batch * POINTS_PER_BATCH;
                    assertThat(stored)
                            .as("run %s: steps of acknowledged batch %d (of %d acknowledged, %d clients"
                                    + " cut off by the kill)", runs.get(c), batch, acked.get(c).size(),
                                    cutOffByKill.get())
                            .contains(firstStep, firstStep + POINTS_PER_BATCH / 2, firstStep + POINTS_PER_BATCH - 1);
                }
                long expected = ackedBatches.size() * (long) POINTS_PER_BATCH;
                assertThat(stored.stream().filter(s -> ackedBatches.contains(s / POINTS_PER_BATCH)).count())
                        .as("points of acknowledged batches in run %s", runs.get(c)).isEqualTo(expected);
            }
            // the restarted server takes new writes
            HttpResponse<String> more = post(second.base(), "/api/v1/runs/" + runs.get(0) + "/metrics",
                    batchBody(1_000_000L));
            assertThat(more.statusCode()).as(more.body()).isEqualTo(200);
        } finally {
            second.kill();
        }
    }

    /** Sends consecutive batches (batch b holds steps [b*N, (b+1)*N)) until the server stops answering. */
    private void ingestUntilRefused(URI base, String runId, Set<Long> acked, AtomicInteger cutOffByKill) {
        for (long b = 0; b < 100_000; b++) {
            try {
                HttpResponse<String> r = post(base, "/api/v1/runs/" + runId + "/metrics", batchBody(b));
                if (r.statusCode() == 200
                        && r.body().matches("(?s).*\"accepted\"\\s*:\\s*" + POINTS_PER_BATCH + "\\b.*")) {
                    acked.add(b);
                }
            } catch (IOException e) {
                cutOffByKill.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String batchBody(long batch) {
        StringBuilder steps = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder ts = new StringBuilder();
        for (int i = 0; i < POINTS_PER_BATCH; i++) {
            long step = batch * POINTS_PER_BATCH + i;
            String sep = i == 0 ? "" : ",";
            steps.append(sep).append(step);
            values.append(sep).append(2.0 / Math.sqrt(1 + step) + (step % 7) * 1e-3);
            ts.append(sep).append(1_767_225_600_000L + step);
        }
        return "{\"metrics\":{\"" + KEY + "\":{\"steps\":[" + steps + "],\"values\":[" + values + "],\"timestamps\":["
                + ts + "]}}}";
    }

    /** Every step of the key, read back raw, page by page. */
    private Set<Long> storedSteps(URI base, String runId) throws Exception {
        Set<Long> steps = new TreeSet<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String path = "/api/v1/runs/" + runId + "/metrics/" + KEY + "?raw=true&limit=100000"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
            JsonNode json = JSON.readTree(r.body());
            for (JsonNode s : json.path("points").path("steps")) { // columnar: {"steps":[..],"values":[..],..}
                steps.add(s.asLong());
            }
            JsonNode next = json.path("next_cursor");
            if (next.isMissingNode() || next.isNull() || next.asString().isEmpty()) {
                return steps;
            }
            cursor = next.asString();
        }
        throw new AssertionError("more than 1000 pages of raw points");
    }

    private String createRun(URI base, String name) throws Exception {
        HttpResponse<String> r = post(base, "/api/v1/runs", "{\"project\":\"durability\",\"name\":\"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body()).path("id").asString();
    }

    private HttpResponse<String> post(URI base, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RestApiTest {
    private final TestServer s = TestServer.start();

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void createsProjectsAndListsThemWithRunCounts() {
        TestServer.Response created = s.post("/api/v1/projects", "{\"name\":\"vision\",\"description\":\"CNNs\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("vision");
        assertThat(created.json().get("created_at").asString()).isEqualTo("2025-03-01T10:00:00Z");
        s.createRun("vision", "r1");

        JsonNode list = s.get("/api/v1/projects").json().get("projects");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("run_count").asLong()).isEqualTo(1);
        TestServer.Response one = s.get("/api/v1/projects/vision");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("description").asString()).isEqualTo("CNNs");
    }

    @Test
    void createsARunWithNestedParamsAndReadsItBack() {
        TestServer.Response r = s.post("/api/v1/runs", """
                {"project":"nlp","name":"bert-base","user":"ada","tags":["baseline","v2"],
                 "params":{"lr":0.001,"optimizer":{"name":"adam","betas":[0.9,0.999]},"layers":12},
                 "notes":"first try","git_commit":"abc123","host":"gpu-1"}""");
        assertThat(r.status()).isEqualTo(201);
        String id = r.json().get("id").asString();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/runs/" + id);

        JsonNode run = s.get("/api/v1/runs/" + id).json();
        assertThat(run.get("project").asString()).isEqualTo("nlp");
        assertThat(run.get("status").asString()).isEqualTo("running");
        assertThat(run.get("tags").toString()).isEqualTo("[\"baseline\",\"v2\"]");
        assertThat(run.get("params").toString())
                .isEqualTo("{\"lr\":0.001,\"optimizer\":{\"name\":\"adam\",\"betas\":[0.9,0.999]},\"layers\":12}");
        assertThat(run.get("git_commit").asString()).isEqualTo("abc123");
        assertThat(run.get("started_at").asString()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(run.get("ended_at").isNull()).isTrue();
    }

    @Test
    void patchesFinishesAndHeartbeatsARun() {
        String id = s.createRun("p", "r");
        TestServer.Response patched = s.patch("/api/v1/runs/" + id,
                "{\"notes\":\"looks good\",\"tags\":[\"keep\"],\"params\":{\"seed\":7}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("notes").asString()).isEqualTo("looks good");
        assertThat(patched.json().get("params").get("seed").asInt()).isEqualTo(7);

        s.clock.advance(java.time.Duration.ofSeconds(30));
        TestServer.Response beat = s.post("/api/v1/runs/" + id + "/heartbeat", "");
        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json().get("heartbeat_at").asString()).isEqualTo("2025-03-01T10:00:30Z");

        TestServer.Response done = s.post("/api/v1/runs/" + id + "/finish", "{\"status\":\"failed\"}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asString()).isEqualTo("failed");
        assertThat(done.json().get("ended_at").isNull()).isFalse();
        TestServer.Response notTerminal = s.post("/api/v1/runs/" + id + "/finish", "{\"status\":\"running\"}");
        assertThat(notTerminal.status()).isEqualTo(400);
    }

    @Test
    void ingestsColumnarMetricsThenServesAnM4Chart() {
        String id = s.createRun("p", "r");
        int n = 50_000;
        StringBuilder steps = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            steps.append(i == 0 ? "" : ",").append(i);
            values.append(i == 0 ? "" : ",").append(i == 25_000 ? 100.0 : 1.0 / (1 + i));
        }
        TestServer.Response ingest = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[" + steps + "],\"values\":[" + values + "]}}}");
        assertThat(ingest.status()).isEqualTo(200);
        assertThat(ingest.json().get("accepted").asLong()).isEqualTo(n);

        JsonNode h = s.get("/api/v1/runs/" + id + "/metrics/loss?max_points=100").json();
        assertThat(h.get("downsampled").asBoolean()).isTrue();
        assertThat(h.get("buckets").size()).isLessThanOrEqualTo(100);
        assertThat(h.get("summary").get("count").asLong()).isEqualTo(n);
        assertThat(h.get("summary").get("max").asDouble()).isEqualTo(100.0);
        assertThat(h.get("summary").get("arg_max_step").asLong()).isEqualTo(25_000);
        List<Double> drawn = new ArrayList<>();
        h.get("points").get("values").forEach(v -> drawn.add(v.asDouble()));
        assertThat(drawn).contains(100.0, 1.0).hasSizeLessThanOrEqualTo(400);
        assertThat(h.get("points").get("steps").size()).isEqualTo(drawn.size());
    }

    @Test
    void servesEveryPointOfASmallSeriesAndRawPagesWithCursors() {
        String id = s.createRun("p", "r");
        s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"acc\":{\"steps\":[1,2,3,4,5],\"values\":[0.1,0.2,0.3,0.4,0.5],"
                        + "\"timestamps\":[1740823200000,1740823201000,1740823202000,1740823203000,"
                        + "\"2025-03-01T10:00:04Z\"]}}}");
        JsonNode h = s.get("/api/v1/runs/" + id + "/metrics/acc").json();
        assertThat(h.get("downsampled").asBoolean()).isFalse();
        assertThat(h.get("points").get("steps").toString()).isEqualTo("[1,2,3,4,5]");
        assertThat(h.has("buckets")).isFalse();

        JsonNode page1 = s.get("/api/v1/runs/" + id + "/metrics/acc?raw=true&limit=2").json();
        assertThat(page1.get("points").get("steps").toString()).isEqualTo("[1,2]");
        assertThat(page1.get("points").get("timestamps").get(0).asString()).isEqualTo("2025-03-01T10:00:00Z");
        String cursor = page1.get("next_cursor").asString();
        JsonNode page2 = s.get("/api/v1/runs/" + id + "/metrics/acc?raw=true&limit=2&cursor=" + cursor).json();
        assertThat(page2.get("points").get("steps").toString()).isEqualTo("[3,4]");
        JsonNode page3 = s.get(
                "/api/v1/runs/" + id + "/metrics/acc?raw=true&limit=2&cursor=" + page2.get("next_cursor").asString())
                .json();
        assertThat(page3.get("points").get("steps").toString()).isEqualTo("[5]");
        assertThat(page3.get("points").get("timestamps").get(0).asString()).isEqualTo("2025-03-01T10:00:04Z");
        assertThat(page3.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void roundTripsNaNAndInfinityAsStrings() {
        String id = s.createRun("p", "r");
        TestServer.Response in = s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"loss\":{\"steps\":[1,2,3,4],\"values\":[0.5,\"NaN\",\"Infinity\",-Infinity]}}}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        JsonNode h = s.get("/api/v1/runs/" + id + "/metrics/loss?raw=true").json();
        assertThat(h.get("points").get("values").toString()).isEqualTo("[0.5,\"NaN\",\"Infinity\",\"-Infinity\"]");
        JsonNode summary = s.get("/api/v1/runs/" + id + "/metrics").json().get("metrics").get(0);
        assertThat(summary.get("nan_count").asLong()).isEqualTo(3);
        assertThat(summary.get("last").asString()).isEqualTo("-Infinity");
    }

    @Test
    void acceptsTheRowFormAndTheIssuesTopLevelShape() {
        String id = s.createRun("p", "r");
        TestServer.Response rows = s.post("/api/v1/runs/" + id + "/metrics", """
                {"points":[{"key":"lr","step":0,"value":0.1},{"key":"lr","step":1,"value":0.05,
                 "timestamp":"2025-03-01T09:00:00Z"},{"key":"gpu","step":0,"value":71.5}]}""");
        assertThat(rows.json().get("accepted").asLong()).isEqualTo(3);
        TestServer.Response top = s.post("/api/v1/metrics",
                "{\"run_id\":\"" + id + "\",\"metrics\":{\"lr\":{\"steps\":[2],\"values\":[0.025]}}}");
        assertThat(top.status()).isEqualTo(200);
        JsonNode keys = s.get("/api/v1/runs/" + id + "/metrics").json().get("metrics");
        assertThat(keys).hasSize(2);
        JsonNode lr = s.get("/api/v1/runs/" + id + "/metrics/lr?raw=true").json().get("points");
        assertThat(lr.get("values").toString()).isEqualTo("[0.1,0.05,0.025]");
        assertThat(lr.get("timestamps").get(1).asString()).isEqualTo("2025-03-01T09:00:00Z");
    }

    @Test
    void readsMetricKeysWithSlashesEncodedInThePathOrInTheQuery() {
        String id = s.createRun("p", "r");
        s.post("/api/v1/runs/" + id + "/metrics",
                "{\"metrics\":{\"train/loss\":{\"steps\":[1,2],\"values\":[2.0,1.0]}}}");
        TestServer.Response encoded = s.get("/api/v1/runs/" + id + "/metrics/train%2Floss");
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(200);
        assertThat(encoded.json().get("key").asString()).isEqualTo("train/loss");
        TestServer.Response query = s.get("/api/v1/runs/" + id + "/metric?key=train/loss&max_points=10");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().get("summary").get("last").asDouble()).isEqualTo(1.0);
    }

    @Test
    void pagesThroughFilteredRunsWithCursors() {
        for (int i = 0; i < 7; i++) {
            String id = s.createRun("sweep", "run-" + i);
            s.post("/api/v1/runs/" + id + "/metrics",
                    "{\"metrics\":{\"loss\":{\"steps\":[1],\"values\":[" + (i / 10.0) + "]}}}");
            s.clock.advance(java.time.Duration.ofSeconds(1));
        }
        s.createRun("other", "x");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            TestServer.Response r = s.get("/api/v1/runs?project=sweep&sort=metric:loss&order=asc&limit=3&metrics=loss"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("total").asLong()).isEqualTo(7);
            for (JsonNode run : page.get("runs")) {
                assertThat(seen.add(run.get("name").asString())).isTrue();
                assertThat(run.get("metrics").get("loss").get("last").isNumber()).isTrue();
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7);

        JsonNode filtered = s.get("/api/v1/runs?project=sweep&metric=loss%3C0.25&sort=name&order=asc").json();
        assertThat(filtered.get("runs")).extracting(n -> n.get("name").asString()).containsExactly("run-0", "run-1",
                "run-2");
    }

    @Test
    void appendsAndTailsRunLogs() {
        String id = s.createRun("p", "r");
        TestServer.Response in = s.post("/api/v1/runs/" + id + "/logs", """
                {"lines":[{"text":"epoch 1 loss=0.9"},{"text":"CUDA out of memory","stream":"stderr","level":"error"},
                 {"text":"epoch 2 loss=0.7"}]}""");
        assertThat(in.json().get("accepted").asInt()).isEqualTo(3);
        JsonNode all = s.get("/api/v1/runs/" + id + "/logs?tail=2").json();
        assertThat(all.get("lines")).extracting(l -> l.get("text").asString()).containsExactly("CUDA out of memory",
                "epoch 2 loss=0.7");
        JsonNode errors = s.get("/api/v1/runs/" + id + "/logs?level=ERROR").json();
        assertThat(errors.get("lines")).hasSize(1);
        assertThat(errors.get("lines").get(0).get("stream").asString()).isEqualTo("stderr");
        JsonNode grep = s.get("/api/v1/runs/" + id + "/logs?grep=EPOCH").json();
        assertThat(grep.get("lines")).hasSize(2);
    }

    @Test
    void searchesAndShowsTheAuditLog() {
        s.post("/api/v1/projects", "{\"name\":\"speech\"}");
        s.createRun("speech", "whisper-tiny");
        JsonNode hits = s.get("/api/v1/search?q=whisper").json().get("hits");
        assertThat(hits).extracting(h -> h.get("kind").asString()).containsExactly("run");
        JsonNode events = s.get("/api/v1/audit?limit=10").json().get("events");
        assertThat(events).extracting(e -> e.get("action").asString()).contains("project.create", "run.create");
        assertThat(events.get(0).get("surface").asString()).isEqualTo("rest");
    }

    @Test
    void reportsHealthWithoutAuth() {
        TestServer.Response h = s.get("/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asString()).isEqualTo("ok");
        assertThat(h.json().get("store").get("kind").asString()).isEqualTo("memory");
        assertThat(h.json().get("version").asString()).isEqualTo("test");
    }
}

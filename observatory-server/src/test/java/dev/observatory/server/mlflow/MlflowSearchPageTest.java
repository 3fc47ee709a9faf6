package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On DuckDB, a run search page read by the store (runs query, then one statement for what the caches lack) answers byte
 * for byte what the separate reads (runs query, then the page's summaries and side tags, with their caches) answer,
 * cold (right after writes to every run) and cached, over varied filters, orders, views, page sizes and every page
 * token.
 */
class MlflowSearchPageTest {
    @TempDir
    Path dir;
    MlflowTestServer s;
    String exp;
    final List<String> runIds = new ArrayList<>();
    int touches;

    @BeforeEach
    void start() {
        s = MlflowTestServer.duckDb(dir);
        exp = create("experiments/create", "{\"name\":\"pages\"}", "experiment_id");
        Random rnd = new Random(42);
        for (int i = 0; i < 24; i++) {
            String name = i % 7 == 3 ? "twin" : "run-" + i;
            String run = create("runs/create",
                    "{\"experiment_id\":\"" + exp + "\",\"run_name\":\"" + name + "\",\"start_time\":\""
                            + (1_700_000_000_000L + (i % 5) * 1000) + "\",\"tags\":[{\"key\":\"mlflow.source.name\","
                            + "\"value\":\"train-" + i + ".py\"}]}",
                    "run_id");
            runIds.add(run);
            StringBuilder metrics = new StringBuilder();
            if (i % 6 != 5) {
                String loss = i == 4 ? "\"NaN\"" : i == 9 ? "\"Infinity\"" : Double.toString((i % 8) / 8.0);
                metrics.append("{\"key\":\"loss\",\"value\":").append(loss).append(",\"timestamp\":\"").append(10 + i)
                        .append("\",\"step\":\"3\"},");
                metrics.append("{\"key\":\"loss\",\"value\":0.99,\"timestamp\":\"1\",\"step\":\"1\"},");
            }
            metrics.append("{\"key\":\"acc\",\"value\":").append(rnd.nextInt(100) / 100.0)
                    .append(",\"timestamp\":\"7\",\"step\":\"0\"},");
            metrics.append("{\"key\":\"\u00e9t\u00e9/\u5b66\",\"value\":1,\"timestamp\":\"7\",\"step\":\"0\"}");
            String tags = "{\"key\":\"team\",\"value\":\"" + (i % 3 == 0 ? "ops" : "ml") + "\"}"
                    + (i % 4 == 0 ? ",{\"key\":\"note\",\"value\":\"" + "x".repeat(120) + "\"}" : "");
            ok(s.post("runs/log-batch",
                    "{\"run_id\":\"" + run + "\",\"metrics\":[" + metrics + "],\"params\":["
                            + "{\"key\":\"lr\",\"value\":\"" + (i % 2 == 0 ? "0.01" : "0.1") + "\"}],\"tags\":[" + tags
                            + "]}"));
            if (i % 3 != 0) {
                ok(s.post("runs/update",
                        "{\"run_id\":\"" + run + "\",\"status\":\"" + (i % 5 == 0 ? "KILLED" : "FINISHED")
                                + "\",\"end_time\":\"" + (1_700_000_100_000L + i) + "\"}"));
            }
        }
        for (int i : new int[] { 2, 11, 17 }) {
            ok(s.post("runs/delete", "{\"run_id\":\"" + runIds.get(i) + "\"}"));
        }
    }

    @AfterEach
    void stop() {
        RunSearch.separateReads = false;
        s.close();
    }

    private String create(String endpoint, String body, String idField) {
        MlflowTestServer.Answer a = ok(s.post(endpoint, body));
        JsonPick p = new JsonPick(a);
        return p.find(idField);
    }

    private static MlflowTestServer.Answer ok(MlflowTestServer.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a;
    }

    /** Finds a string field anywhere in an answer. */
    private record JsonPick(MlflowTestServer.Answer a) {
        String find(String field) {
            return a.json().findValue(field).asString();
        }
    }

    /** Writes to every run and to the experiment, so that every read cache is cold. */
    private void touchEverything() {
        touches++;
        retouch();
    }

    /** Writes the last touch again: the answers stay the same (same latest point, same tag), the caches go cold. */
    private void retouch() {
        for (String run : runIds) {
            s.post("runs/log-batch",
                    "{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"touch\",\"value\":" + touches
                            + ",\"timestamp\":\"" + touches + "\",\"step\":\"" + touches + "\"}],\"tags\":[{\"key\":"
                            + "\"mlflow.touched\",\"value\":\"" + touches + "\"}]}");
        }
        ok(s.post("experiments/set-experiment-tag",
                "{\"experiment_id\":\"" + exp + "\",\"key\":\"touched\",\"value\":\"" + touches + "\"}"));
    }

    /** Every page of a search, as the raw bodies. */
    private List<String> pages(String experiments, String filter, String order, String view, int max) {
        List<String> bodies = new ArrayList<>();
        String token = null;
        do {
            MlflowTestServer.Answer a = ok(s.post("runs/search",
                    "{\"experiment_ids\":[" + experiments + "]," + "\"filter\":\"" + filter + "\","
                            + (order == null ? "" : "\"order_by\":[\"" + order + "\"],") + "\"run_view_type\":\"" + view
                            + "\",\"max_results\":" + max + (token == null ? "" : ",\"page_token\":\"" + token + "\"")
                            + "}"));
            token = a.json().path("next_page_token").asString(null);
            bodies.add(token == null ? a.body() : a.body().replace(token, withoutTime(token)));
        } while (token != null && bodies.size() < 100);
        return bodies;
    }

    /** A page token without the second it was made in (v1:offset:fingerprint:time), which differs between calls. */
    private static String withoutTime(String token) {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        assertThat(text).startsWith("v1:");
        return text.substring(0, text.lastIndexOf(':'));
    }

    private void sameAnswers(String filter, String order, String view, int max) {
        String e = "\"" + exp + "\"";
        touchEverything();
        RunSearch.separateReads = true;
        List<String> cold = pages(e, filter, order, view, max);
        List<String> cached = pages(e, filter, order, view, max);
        RunSearch.separateReads = false;
        retouch();
        List<String> pageCold = pages(e, filter, order, view, max);
        List<String> pageCached = pages(e, filter, order, view, max);
        String what = filter + " / " + order + " / " + view + " / " + max;
        assertThat(cold).as("cold separate reads vs cached, %s", what).isEqualTo(cached);
        assertThat(pageCold).as("cold search page vs separate reads, %s", what).isEqualTo(cold);
        assertThat(pageCached).as("cached search page vs separate reads, %s", what).isEqualTo(cold);
    }

    @Test
    void onePageStatementAnswersWhatTheSeparateReadsAnswerColdAndCached() {
        String[] filters = { "", "metrics.loss < 0.5", "params.lr = '0.01'",
                "metrics.loss >= 0.25 and params.lr = '0.1' and attributes.status = 'FINISHED'",
                "metrics.acc > 0.3 and metrics.loss != 0.5", "attributes.status = 'KILLED'" };
        String[] orders = { null, "metrics.loss ASC", "metrics.loss DESC", "attributes.start_time ASC",
                "start_time DESC", "metrics.missing ASC" };
        int[] sizes = { 1, 4, 7, 1000 };
        String[] views = { "ACTIVE_ONLY", "ALL", "ACTIVE_ONLY", "DELETED_ONLY", "ACTIVE_ONLY" };
        for (int n = 0; n < 2 * filters.length; n++) {
            String order = orders[(n / 2 + (n % 2) * 3) % orders.length];
            sameAnswers(filters[n / 2], order, views[n % views.length], sizes[n % sizes.length]);
        }
    }

    @Test
    void theOneStatementPageHasEveryRunOnceWithItsLatestMetricsAndSideTags() {
        touchEverything();
        List<String> all = pages("\"" + exp + "\"", "", "metrics.loss ASC", "ALL", 5);
        String joined = String.join("\n", all);
        for (String run : runIds) {
            assertThat(joined.split("\"run_id\":\"" + run + "\"", -1)).hasSize(2);
        }
        assertThat(all.get(0)).contains("\"key\":\"mlflow.touched\",\"value\":\"1\"")
                .contains("\"key\":\"loss\",\"value\":0.0,\"timestamp\":10,\"step\":3")
                .contains("\"key\":\"mlflow.source.name\"");
        assertThat(joined).contains("\"value\":\"NaN\"");
    }

    @Test
    void aDeletedExperimentPagesLikeTheSeparateReads() {
        ok(s.post("experiments/delete", "{\"experiment_id\":\"" + exp + "\"}"));
        for (String view : new String[] { "ACTIVE_ONLY", "DELETED_ONLY", "ALL" }) {
            sameAnswers("metrics.loss < 0.7", "metrics.loss DESC", view, 3);
        }
    }

    @Test
    void aSearchOverTwoExperimentsOrWithATagFilterStillAnswers() {
        String other = create("experiments/create", "{\"name\":\"pages-2\"}", "experiment_id");
        create("runs/create", "{\"experiment_id\":\"" + other + "\"}", "run_id");
        List<String> both = pages("\"" + exp + "\",\"" + other + "\"", "", "metrics.loss ASC", "ACTIVE_ONLY", 50);
        assertThat(both.get(0).split("\"run_id\"", -1)).hasSize(23);
        sameAnswers("tags.team = 'ops'", "metrics.loss ASC", "ACTIVE_ONLY", 2);
    }

    @Test
    void aSearchRightAfterWritesAnswersTheNewValues() {
        String e = "\"" + exp + "\"";
        List<String> before = pages(e, "metrics.loss < 0.5", "metrics.loss ASC", "ACTIVE_ONLY", 1000);
        String first = runIds.get(0);
        assertThat(before.get(0)).contains("\"run_id\":\"" + first + "\"");
        ok(s.post("runs/log-batch", "{\"run_id\":\"" + first + "\",\"metrics\":[{\"key\":\"loss\",\"value\":0.45,"
                + "\"timestamp\":\"99\",\"step\":\"9\"}],\"tags\":[{\"key\":\"mlflow.touched\",\"value\":\"new\"}]}"));
        String after = pages(e, "metrics.loss < 0.5", "metrics.loss ASC", "ACTIVE_ONLY", 1000).get(0);
        assertThat(after).contains("\"key\":\"loss\",\"value\":0.45,\"timestamp\":99,\"step\":9")
                .contains("\"key\":\"mlflow.touched\",\"value\":\"new\"");
        assertThat(after.lastIndexOf("\"run_id\":\"" + first + "\"")).as("now ordered last, at 0.45")
                .isGreaterThan(after.lastIndexOf("\"value\":0.375"));
        RunSearch.separateReads = true;
        assertThat(pages(e, "metrics.loss < 0.5", "metrics.loss ASC", "ACTIVE_ONLY", 1000).get(0)).isEqualTo(after);
    }
}

package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.eval.EvalSamples;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalSubject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Evaluation results and scorecards over real HTTP. */
class EvalRoutesTest {
    TestServer s;
    List<EvalSubject> ckpts;

    @BeforeEach
    void start() {
        s = TestServer.start();
        ckpts = EvalSamples.write(s.store, "nav", 12, 3, 2, 5, TestServer.START);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    long count() {
        return s.store.evals().count(EvalQuery.of(null, 1));
    }

    @Test
    void aBatchWithTopLevelDefaultsIsRecordedWholeAndReadBackPaged() {
        long before = count();
        String ref = ckpts.get(0).ref();
        TestServer.Response r = s.post("/api/v1/evals", "{\"subject\": \"" + ref + "\", \"eval_name\": \"nav/maze\","
                + " \"step\": 500, \"results\": [{\"metric\": \"reward\", \"value\": 0.5, \"episode\": 0, \"seed\": 3},"
                + " {\"metric\": \"reward\", \"value\": 0.7, \"episode\": 1}, {\"metric\": \"steps\", \"value\": 120,"
                + " \"eval_name\": \"nav/arena\"}]}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("recorded").asInt()).isEqualTo(3);
        assertThat(count()).isEqualTo(before + 3);
        JsonNode page = s.get("/api/v1/evals?subject=" + ref + "&eval_name=nav/maze&limit=1").json();
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.get("results").get(0).get("step").asLong()).isEqualTo(500);
        assertThat(page.get("results").get(0).get("subject").asString()).isEqualTo(ref);
        JsonNode next = s.get("/api/v1/evals?subject=" + ref + "&eval_name=nav/maze&limit=1&cursor="
                + page.get("next_cursor").asString()).json();
        assertThat(next.get("results")).hasSize(1);
        assertThat(next.has("next_cursor")).isFalse();
    }

    @Test
    void badResultsAreRejectedWithAJsonErrorAndNothingIsStored() {
        long before = count();
        String ref = ckpts.get(0).ref();
        TestServer.Response nan = s.post("/api/v1/evals", "{\"subject\": \"" + ref + "\", \"eval_name\": \"e\","
                + " \"results\": [{\"metric\": \"r\", \"value\": 1}, {\"metric\": \"r\", \"value\": \"NaN\"}]}");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(nan.errorMessage()).contains("results[1].value must be a finite number");

        TestServer.Response ghost = s.post("/api/v1/evals",
                "{\"results\": [{\"subject\": \"checkpoint:ffffffffffffffff\", \"eval_name\": \"e\", \"metric\": \"r\","
                        + " \"value\": 1}]}");
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.errorMessage()).contains("no checkpoint");
        assertThat(s.post("/api/v1/evals", "{\"results\": []}").status()).isEqualTo(400);
        assertThat(s
                .post("/api/v1/evals",
                        "{\"results\": [{\"subject\": \"" + ref
                                + "\", \"eval_name\": \"e\", \"metric\": \"r\", \"value\": 1, \"colour\": 1}]}")
                .errorMessage()).contains("unknown field 'colour'");
        assertThat(s.post("/api/v1/evals", "{\"results\": [{\"eval_name\": \"e\", \"metric\": \"r\", \"value\": 1}]}")
                .errorMessage()).contains("needs a subject");
        assertThat(
                s.post("/api/v1/evals",
                        "{\"results\": [{\"subject\": \"" + ref
                                + "\", \"eval_name\": \"e\", \"metric\": \"r\", \"value\": 1e999}]}")
                        .status()).isEqualTo(400);
        StringBuilder big = new StringBuilder("{\"subject\": \"" + ref + "\", \"eval_name\": \"e\", \"results\": [");
        for (int i = 0; i <= 10_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"metric\": \"r\", \"value\": ").append(i).append('}');
        }
        assertThat(s.post("/api/v1/evals", big + "]}").errorMessage()).contains("at most 10000 results");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void evalNamesAndTheScorecardAsJsonAndPng() {
        JsonNode names = s.get("/api/v1/evals/names").json();
        assertThat(names.get("evals")).hasSize(3);
        assertThat(names.get("evals").get(0).get("name").asString()).isEqualTo("nav/eval_000");

        TestServer.Response json = s.get("/api/v1/scorecard?metric=reward&aggregation=max&sort=score");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode sc = json.json();
        assertThat(sc.get("rows")).hasSize(12);
        assertThat(sc.get("evals")).hasSize(3);
        assertThat(sc.get("missing_cells").asInt()).isEqualTo(2);
        assertThat(sc.get("aggregation").asString()).isEqualTo("max");

        TestServer.Response png = s.get(
                "/api/v1/scorecard?metric=reward&format=png&policies=" + ckpts.get(0).ref() + "," + ckpts.get(1).ref());
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(s.get("/api/v1/scorecard").errorMessage()).contains("'metric' is required");
        assertThat(s.get("/api/v1/scorecard?metric=reward&aggregation=median").status()).isEqualTo(400);
    }
}

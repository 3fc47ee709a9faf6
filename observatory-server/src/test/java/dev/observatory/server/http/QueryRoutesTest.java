package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class QueryRoutesTest {

    @TempDir
    Path dir;

    private interface WithServer {
        void run(TestServer s);
    }

    private void onDuckDb(WithServer body) {
        try (DuckDbStorage duck = DuckDbStorage.open(dir.resolve("observatory.duckdb"))) {
            duck.projects().create("vision", null);
            duck.runs().create(NewRun.of("vision", "r1"));
            Auditor auditor = new Auditor(duck.audit(), Clock.systemUTC());
            Tracking tracking = new Tracking(duck, Clock.systemUTC(), false, auditor);
            try (TestServer s = new TestServer(false, HttpSettings.defaults(), List.of(), b -> b.tracking(tracking))) {
                body.run(s);
            } finally {
                auditor.close();
            }
        }
    }

    @Test
    void runsOneSelectAndAnswersColumnsAndRows() {
        onDuckDb(s -> {
            TestServer.Response r = s.post("/api/v1/query",
                    "{\"sql\": \"SELECT project, name, created_at FROM runs ORDER BY name\", \"max_rows\": 10}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j.get("columns").get(0).get("name").asString()).isEqualTo("project");
            assertThat(j.get("rows").get(0).get(1).asString()).isEqualTo("r1");
            assertThat(j.get("rows").get(0).get(2).asString()).endsWith("Z");
            assertThat(j.get("truncated").asBoolean()).isFalse();
        });
    }

    @Test
    void refusesWhatIsNotOneSelectWithA400SayingWhy() {
        onDuckDb(s -> {
            TestServer.Response two = s.post("/api/v1/query", "{\"sql\": \"SELECT 1; DROP TABLE runs\"}");
            assertThat(two.status()).isEqualTo(400);
            assertThat(two.errorMessage()).contains("only one SELECT statement is allowed");
            TestServer.Response file = s.post("/api/v1/query", "{\"sql\": \"SELECT * FROM read_csv('/etc/passwd')\"}");
            assertThat(file.status()).isEqualTo(400);
            assertThat(file.errorMessage()).contains("file access is disabled");
            assertThat(s.post("/api/v1/query", "{\"sql\": \"SELECT 1\", \"max_rows\": \"ten\"}").status())
                    .isEqualTo(400);
            assertThat(s.post("/api/v1/query", "{\"sql\": \"SELECT 1\", \"limit\": 3}").status()).isEqualTo(400);
        });
    }

    @Test
    void describesTheSchema() {
        onDuckDb(s -> {
            TestServer.Response r = s.get("/api/v1/query/schema");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("\"runs\"").contains("examples").doesNotContain("api_keys");
        });
    }

    @Test
    void memoryStorageAnswersThatSqlNeedsDuckDbOrPostgres() {
        try (TestServer s = TestServer.start()) {
            TestServer.Response r = s.post("/api/v1/query", "{\"sql\": \"SELECT 1\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorMessage()).contains("SQL queries need the DuckDB or PostgreSQL storage");
        }
    }
}

package dev.observatory.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryPromptTest {

    @Test
    void takesTheSqlOutOfFencesAndProse() {
        assertThat(QueryPrompt.sqlOf("```sql\nSELECT 1\n```")).isEqualTo("SELECT 1");
        assertThat(QueryPrompt.sqlOf("Sure! Here it is:\nSELECT name FROM runs;")).isEqualTo("SELECT name FROM runs;");
        assertThat(QueryPrompt.sqlOf("  WITH a AS (SELECT 1) SELECT * FROM a  ")).startsWith("WITH a");
        assertThat(QueryPrompt.sqlOf("selection: SELECT 2")).isEqualTo("SELECT 2");
        assertThat(QueryPrompt.sqlOf(null)).isEmpty();
    }

    @Test
    void thePromptCarriesTablesRulesExamplesAndTheQuestion() {
        SchemaDescription d = new SchemaDescription("duckdb", "sandboxed", 200, 5000, 10_000,
                List.of(new SchemaDescription.Table("runs", "One row per run.",
                        List.of(new SchemaDescription.Column("status", "VARCHAR", "lifecycle")))),
                SchemaGuide.examples("duckdb"), List.of("One SELECT."));

        String prompt = QueryPrompt.context(d, "How many runs failed?");

        assertThat(prompt).contains("- runs: One row per run.").contains("status VARCHAR (lifecycle)")
                .contains("- One SELECT.").contains("metric_points").endsWith("Question: How many runs failed?\n");
    }

    @Test
    void examplesFollowTheBackendsDialect() {
        assertThat(SchemaGuide.examples("duckdb")).hasSizeBetween(5, 10)
                .noneMatch(e -> e.sql().contains("metric_series"));
        assertThat(SchemaGuide.examples("postgres")).hasSizeBetween(5, 10)
                .noneMatch(e -> e.sql().contains("metric_points") || e.sql().contains("run_params"));
    }

    @Test
    void settingsRefuseOutOfRangeLimitsAndHideTheKey() {
        assertThatThrownBy(() -> new QuerySettings(6000, Duration.ofSeconds(1), null))
                .hasMessageContaining("query_max_rows");
        assertThatThrownBy(() -> new QuerySettings.AiEndpoint("ftp://x", "m", null)).hasMessageContaining("http");
        assertThat(new QuerySettings.AiEndpoint("https://api.example/v1/", "m", "sk-secret").toString())
                .doesNotContain("sk-secret").contains("https://api.example/v1,");
    }
}

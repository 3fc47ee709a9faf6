package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.analysis.AnalysisTools;
import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned output contracts under docs/schemas: each file matches the tool's output schema (regenerate with
 * -Dregenerate=true after a deliberate change, and bump the version when the change is not backwards compatible), and
 * real answers of the tools validate against the committed files.
 */
class SchemaContractTest {
    static final Path DIR = Path.of("..", "docs", "schemas");
    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static InMemoryStorage store;
    static Auditor auditor;
    static ToolRegistry tools;

    @BeforeAll
    static void demo() throws Exception {
        if (Boolean.getBoolean("regenerate")) {
            Files.createDirectories(DIR);
            for (var e : contracts().entrySet()) {
                Files.writeString(DIR.resolve(e.getKey() + ".json"), text(e.getKey(), e.getValue()));
            }
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryStorage(clock);
        DemoData.write(store, 7, NOW);
        auditor = new Auditor(store.audit(), clock);
        tools = new ToolRegistry(new Tracking(store, clock, false, auditor), new Meters(),
                new McpSettings(Set.of("core"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
    }

    @AfterAll
    static void close() {
        auditor.close();
        store.close();
    }

    /** Every committed contract: the analysis ones and the scorecard. */
    static Map<String, Map<String, Object>> contracts() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>(AnalysisTools.contracts());
        all.putAll(dev.observatory.mcp.eval.EvalTools.contracts());
        return all;
    }

    static Map<String, Object> document(String id, Map<String, Object> schema) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        d.put("$id", "https://observatory.dev/schemas/" + id + ".json");
        d.put("title", id);
        d.putAll(schema);
        return d;
    }

    static String text(String id, Map<String, Object> schema) {
        return MAPPER.writeValueAsString(document(id, schema)) + "\n";
    }

    @Test
    void committedSchemasMatchTheToolOutputSchemas() throws Exception {
        for (var e : contracts().entrySet()) {
            Path file = DIR.resolve(e.getKey() + ".json");
            String expected = text(e.getKey(), e.getValue());
            assertThat(file).as("docs/schemas/%s.json exists", e.getKey()).exists();
            assertThat(Files.readString(file))
                    .as("docs/schemas/%s.json is stale: regenerate with ./mvnw -pl"
                            + " observatory-mcp test -Dtest=SchemaContractTest -Dregenerate=true", e.getKey())
                    .isEqualTo(expected);
        }
    }

    @SuppressWarnings("unchecked")
    static void conforms(String contract, String tool, Map<String, Object> args) throws Exception {
        Map<String, Object> schema = MAPPER.readValue(DIR.resolve(contract + ".json").toFile(), Map.class);
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, Set.of("analysis"));
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        Map<String, Object> data = (Map<String, Object>) o.data();
        assertThat(data).containsEntry("schema", contract);
        var check = McpJsonDefaults.getSchemaValidator().validate(schema, data);
        assertThat(check.valid()).as("%s answer violates %s: %s", tool, contract, check.errorMessage()).isTrue();
        Map<String, Object> wrong = new LinkedHashMap<>(data);
        wrong.remove(((List<String>) schema.get("required")).get(1));
        assertThat(McpJsonDefaults.getSchemaValidator().validate(schema, wrong).valid())
                .as("the contract rejects an answer without a required field").isFalse();
    }

    static List<String> runs(String project) {
        return store.runs().list(RunQuery.all(project, 1000)).stream().map(Run::id).toList();
    }

    @Test
    void everyRunOfTheDemoAnswersWithinTheFourContracts() throws Exception {
        for (String id : runs(null)) {
            conforms("training-observability.v1", "get_training_observability", Map.of("run_id", id,
                    "include_evaluation", true, "include_next_experiment", true, "include_baseline_comparison", true));
            conforms("evaluate-run.v1", "evaluate_run", Map.of("run_id", id));
            conforms("suggest-next-experiment.v1", "suggest_next_experiment", Map.of("run_id", id));
        }
        for (String project : List.of("llm-finetune", "vision-resnet", "rl-agents")) {
            conforms("compare-runs.v1", "compare_runs", Map.of("run_ids", runs(project)));
        }
    }
}

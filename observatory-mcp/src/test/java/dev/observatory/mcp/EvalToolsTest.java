package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Tracking;
import dev.observatory.core.eval.EvalSamples;
import dev.observatory.mcp.eval.EvalTools;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.blob.FileBlobStore;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Evaluation and scorecard tools, and the observability report export, over sample data. */
class EvalToolsTest {
    static final Set<String> ANALYSIS = Set.of("analysis");

    @TempDir
    Path dir;
    final TestData data = new TestData();
    FileBlobStore blobs;
    ToolRegistry tools;
    List<EvalSubject> ckpts;
    ModelVersion version;

    @BeforeEach
    void open() {
        blobs = FileBlobStore.open(dir, () -> "http://obs.test", data.clock);
        tools = registry(new Tracking(data.store, data.clock, false, data.auditor, blobs));
        ckpts = EvalSamples.write(data.store, "nav", 30, 6, 2, 11, TestData.NOW);
        data.store.registry().createModel(new NewModel("navigator", null, null, "carol"));
        version = data.store.registry().createVersion(NewModelVersion.of("navigator", "s3://b/k", null));
    }

    @AfterEach
    void close() {
        blobs.close();
        data.close();
    }

    ToolRegistry registry(Tracking tracking) {
        return new ToolRegistry(tracking, data.meters,
                new McpSettings(ANALYSIS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ANALYSIS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    ToolOutcome fail(String tool, Map<String, Object> args, String code) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ANALYSIS);
        assertThat(o.result().isError()).as("%s should fail", tool).isTrue();
        assertThat(o.errorCode()).as("%s: %s", tool, o.errorMessage()).isEqualTo(code);
        return o;
    }

    @Test
    void theSixEvaluationToolsAreInTheAnalysisToolsetWithSchemasAndHonestHints() {
        List<String> names = EvalTools.all().stream().map(t -> t.name()).toList();
        assertThat(names).containsExactly("log_eval_results", "get_eval_names", "get_available_metrics",
                "search_policies", "get_policies", "generate_scorecard");
        for (McpSchema.Tool t : tools.tools(ANALYSIS)) {
            if (names.contains(t.name())) {
                assertThat(t.description()).hasSizeGreaterThan(120);
                assertThat(t.outputSchema()).containsEntry("type", "object");
                assertThat(t.annotations().readOnlyHint()).isEqualTo(!t.name().equals("log_eval_results"));
            }
        }
    }

    @Test
    void logEvalResultsRecordsOneValuePerMetricAndRejectsBadValuesWholesale() {
        String ref = "model_version:" + version.id();
        Map<String, Object> r = ok("log_eval_results", Map.of("subject", ref, "eval_name", "nav/maze", "metrics",
                Map.of("reward", 0.75, "success", 1), "episode", 3, "seed", 42, "step", 1000));

        assertThat(r).containsEntry("recorded", 2).containsEntry("subject", ref);
        assertThat(data.store.evals().count(EvalQuery.of(List.of(EvalSubject.parse(ref)), 1))).isEqualTo(2);
        assertThat(fail("log_eval_results",
                Map.of("subject", ref, "eval_name", "nav/maze", "metrics", Map.of("reward", 1, "bad", "NaN")),
                ToolOutcome.INVALID_ARGUMENTS).errorMessage()).contains("'bad' must be a finite number");
        assertThat(fail("log_eval_results", Map.of("subject", "checkpoint:ffffffffffffffff", "eval_name", "nav/maze",
                "metrics", Map.of("reward", 1)), ToolOutcome.NOT_FOUND).errorMessage()).contains("no checkpoint");
        fail("log_eval_results", Map.of("subject", "dataset:x", "eval_name", "e", "metrics", Map.of("r", 1)),
                ToolOutcome.INVALID_ARGUMENTS);
        assertThat(data.store.evals().count(EvalQuery.of(List.of(EvalSubject.parse(ref)), 1))).isEqualTo(2);
    }

    @Test
    void evalNamesAndMetricsListWhatHasResults() {
        Map<String, Object> names = ok("get_eval_names", Map.of());
        assertThat(list(names, "evals")).hasSize(6).first().satisfies(e -> assertThat(e)
                .containsEntry("name", "nav/eval_000").containsEntry("metrics", List.of("reward", "success")));
        Map<String, Object> metrics = ok("get_available_metrics",
                Map.of("eval_name", "nav/eval_001", "subject", ckpts.get(0).ref()));
        assertThat(list(metrics, "metrics")).extracting(m -> m.get("metric")).containsExactly("reward", "success");
        Map<String, Object> paged = ok("get_available_metrics", Map.of("limit", 5));
        assertThat(paged).containsEntry("total", 12L).containsEntry("truncated", true).containsKey("next_cursor");
        Map<String, Object> rest = ok("get_available_metrics", Map.of("limit", 5, "cursor", paged.get("next_cursor")));
        assertThat(list(rest, "metrics")).hasSize(5);
    }

    @Test
    void searchPoliciesFiltersAndPagesAndGetPoliciesSummarisesResults() {
        Map<String, Object> all = ok("search_policies", Map.of("limit", 20));
        assertThat(all).containsEntry("total", 31L).containsEntry("complete", true);
        List<Map<String, Object>> page = new ArrayList<>(list(all, "policies"));
        Map<String, Object> next = ok("search_policies", Map.of("limit", 20, "cursor", all.get("next_cursor")));
        page.addAll(list(next, "policies"));
        assertThat(page).hasSize(31).extracting(p -> p.get("ref")).doesNotHaveDuplicates();
        assertThat(next).containsEntry("truncated", false).doesNotContainKey("next_cursor");

        Map<String, Object> alice = ok("search_policies",
                Map.of("user", "alice", "type", "checkpoint", "tags", List.of("a"), "evaluated_only", true));
        assertThat(alice).containsEntry("total", 20L);
        assertThat(list(alice, "policies").getFirst()).containsEntry("evals", 6L).containsEntry("results", 24L);

        Map<String, Object> got = ok("get_policies",
                Map.of("policies", List.of(ckpts.get(1).ref(), "model_version:" + version.id())));
        List<Map<String, Object>> policies = list(got, "policies");
        assertThat(policies).extracting(p -> p.get("ref")).containsExactly(ckpts.get(1).ref(),
                "model_version:" + version.id());
        assertThat(list(policies.get(0), "evals")).hasSize(12).first().satisfies(e -> assertThat(e)
                .containsEntry("eval_name", "nav/eval_000").containsEntry("count", 2L).containsKeys("mean", "last"));
        assertThat(list(policies.get(1), "evals")).isEmpty();
        fail("get_policies", Map.of("policies", List.of("checkpoint:ffffffffffffffff")), ToolOutcome.NOT_FOUND);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScorecardComesAsDataWithMissingCellsAsNullAndAsAPngHeatmap() throws Exception {
        ToolOutcome o = tools.invoke("generate_scorecard", Map.of("metric", "reward", "name", "ppo-000"),
                TestData.ACTOR, ANALYSIS);
        assertThat(o.ok()).as(o.errorMessage()).isTrue();
        Map<String, Object> s = (Map<String, Object>) o.data();
        assertThat(s).containsEntry("schema", "scorecard.v1").containsEntry("policies_total", 10)
                .containsEntry("missing_cells", 2).containsEntry("direction", "higher_is_better");
        assertThat((List<String>) s.get("evals")).hasSize(6);
        Map<String, Object> missingRow = list(s, "rows").stream()
                .filter(r -> ((List<Object>) r.get("values")).contains(null)).findFirst().orElseThrow();
        int j = ((List<Object>) missingRow.get("values")).indexOf(null);
        assertThat(((List<Integer>) missingRow.get("counts")).get(j)).isZero();
        ImageContent image = (ImageContent) o.result().content().get(1);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.data())));
        assertThat(png.getHeight()).isGreaterThan(10 * 18);

        Map<String, Object> schema = JsonMapper.builder().build()
                .readValue(Path.of("..", "docs", "schemas", "scorecard.v1.json").toFile(), Map.class);
        assertThat(McpJsonDefaults.getSchemaValidator().validate(schema, s).valid()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLargeScorecardPagesItsRowsAndSendsTheImageOnlyOnce() {
        Map<String, Object> first = ok("generate_scorecard",
                Map.of("metric", "success", "aggregation", "max", "sort", "score", "max_policies", 30));
        assertThat(first).containsEntry("policies_total", 30);
        int rows = list(first, "rows").size();
        if (rows < 30) {
            ToolOutcome second = tools.invoke("generate_scorecard", Map.of("metric", "success", "aggregation", "max",
                    "sort", "score", "max_policies", 30, "cursor", first.get("next_cursor")), TestData.ACTOR, ANALYSIS);
            assertThat(second.result().content()).hasSize(1);
            assertThat(list((Map<String, Object>) second.data(), "rows")).isNotEmpty();
        }
        for (Map<String, Object> r : list(first, "rows")) {
            assertThat((List<Object>) r.get("values")).allMatch(v -> v == null || (double) (Number) v >= 0);
        }
        assertThat(fail("generate_scorecard", Map.of("metric", "nope"), ToolOutcome.INVALID_ARGUMENTS).errorMessage())
                .contains("has results for metric 'nope'");
        fail("generate_scorecard", Map.of("metric", "reward", "aggregation", "median"), ToolOutcome.INVALID_ARGUMENTS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportingTheReportWritesJsonMarkdownAndChartsAsRunArtifactsAndReturnsTheChart() throws Exception {
        ToolOutcome o = tools.invoke("export_observability_report", Map.of("run_id", data.baseline.id()),
                TestData.ACTOR, ANALYSIS);
        assertThat(o.ok()).as(o.errorMessage()).isTrue();
        Map<String, Object> r = (Map<String, Object>) o.data();
        var check = McpJsonDefaults.getSchemaValidator()
                .validate(tools.find("export_observability_report").orElseThrow().outputSchema(), r);
        assertThat(check.valid()).as(check.errorMessage()).isTrue();
        List<Map<String, Object>> files = list(r, "files");
        assertThat(files).extracting(f -> f.get("role")).startsWith("json", "markdown").contains("chart");
        assertThat(files).allSatisfy(f -> assertThat((String) f.get("path")).startsWith("reports/observability-"))
                .allSatisfy(f -> assertThat((String) f.get("download_url")).startsWith("http://obs.test/"));
        var artifacts = new dev.observatory.core.artifact.Artifacts(
                new Tracking(data.store, data.clock, false, data.auditor, blobs));
        var json = artifacts.get((String) files.get(0).get("artifact_id"));
        try (var in = artifacts.open(json)) {
            Map<String, Object> doc = JsonMapper.builder().build().readValue(in, Map.class);
            assertThat(doc).containsEntry("schema", "training-observability.v1").containsKeys("health", "scores");
        }
        try (var in = artifacts.open(artifacts.get((String) files.get(1).get("artifact_id")))) {
            assertThat(new String(in.readAllBytes())).startsWith("# Observability report: resnet-baseline")
                    .contains("## Scores").contains("![");
        }
        ImageContent chart = (ImageContent) o.result().content().get(1);
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(chart.data())))).isNotNull();
    }

    @Test
    void exportingWithoutABlobStoreSaysHowToConfigureOne() {
        tools = registry(data.tracking);
        String message = fail("export_observability_report", Map.of("run_id", data.baseline.id()),
                ToolOutcome.STORAGE_UNAVAILABLE).errorMessage();
        assertThat(message).contains("no", "blob_store", "OBSERVATORY_BLOB_STORE");
        tools = registry(new Tracking(data.store, data.clock, true, data.auditor, blobs));
        fail("export_observability_report", Map.of("run_id", data.baseline.id()), ToolOutcome.READ_ONLY);
    }
}

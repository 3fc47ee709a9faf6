package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.RegistryCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analysis toolset over the demo data set. */
class AnalysisToolsTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Set<String> ANALYSIS = Set.of("analysis");
    static InMemoryStorage store;
    static Auditor auditor;
    static ToolRegistry tools;

    @BeforeAll
    static void demo() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryStorage(clock);
        DemoData.write(store, 42, NOW);
        auditor = new Auditor(store.audit(), clock);
        tools = new ToolRegistry(new Tracking(store, clock, false, auditor), new Meters(),
                new McpSettings(Set.of("core"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
    }

    @AfterAll
    static void close() {
        auditor.close();
        store.close();
    }

    static String id(String name) {
        return store.runs().list(RunQuery.all(null, 1000)).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow().id();
    }

    static List<String> sweep() {
        return store.runs().list(RunQuery.all("vision-resnet", 1000)).stream().filter(r -> r.tags().contains("sweep"))
                .map(Run::id).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ANALYSIS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text())
                .isEqualTo(dev.observatory.mcp.tool.Json.write(o.data()));
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    static String error(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ANALYSIS);
        assertThat(o.result().isError()).as("%s should fail", tool).isTrue();
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        return o.errorMessage();
    }

    @Test
    void theAnalysisToolsetHasThirteenReadOnlyToolsAndCoreOffersTwoOfThem() {
        List<String> own = dev.observatory.mcp.analysis.AnalysisTools.all().stream()
                .map(dev.observatory.mcp.tool.ToolDef::name).toList();
        List<McpSchema.Tool> analysis = tools.tools(ANALYSIS).stream().filter(t -> own.contains(t.name())).toList();
        assertThat(analysis).extracting(McpSchema.Tool::name).containsExactly("analyze_training_progression",
                "analyze_learning_curves", "identify_critical_moments", "correlate_metrics",
                "analyze_behavioral_patterns", "predict_training_outcome", "generate_training_insights",
                "get_training_observability", "compare_runs", "evaluate_run", "suggest_next_experiment", "diagnose_run",
                "watch_run", "export_observability_report");
        for (McpSchema.Tool t : analysis.subList(0, 13)) {
            assertThat(t.description()).hasSizeGreaterThan(120);
            assertThat(t.inputSchema()).containsEntry("additionalProperties", false);
            assertThat(t.outputSchema()).containsEntry("type", "object");
            assertThat(t.annotations().readOnlyHint()).isTrue();
            assertThat(t.annotations().destructiveHint()).isFalse();
        }
        assertThat(tools.tools(Set.of("core"))).extracting(McpSchema.Tool::name)
                .contains("get_training_observability", "compare_runs").doesNotContain("watch_run", "diagnose_run");
    }

    @Test
    void observabilityOfTheDivergedRunIsCriticalWithEveryOptionalSection() {
        Map<String, Object> o = ok("get_training_observability",
                Map.of("run_id", id("llama3.2-1b-sft-lr3e-3-nowarmup"), "include_evaluation", true,
                        "include_next_experiment", true, "include_baseline_comparison", true, "baseline_limit", 3));

        assertThat(o).containsEntry("schema", "training-observability.v1").containsEntry("health", "critical");
        assertThat(list(o, "bottlenecks").getFirst()).containsEntry("code", "DIVERGENCE")
                .containsKey("confidence_source");
        assertThat(map(o, "decision_gates")).containsEntry("ready_for_release", false);
        assertThat(map(o, "evaluation")).containsEntry("passed", false);
        assertThat(map(o, "next_experiment")).containsEntry("recommendation_type", "add_warmup");
        assertThat(list(map(o, "baseline_comparison"), "runs")).hasSizeLessThanOrEqualTo(3);
        assertThat(map(o, "context")).containsKeys("run_class", "speed_curve_thresholds");
    }

    @Test
    void compareRunsRanksTheSweepAndPagesTheRanking() {
        Map<String, Object> c = ok("compare_runs", Map.of("run_ids", sweep(), "metric", "val/acc"));

        assertThat(c).containsEntry("schema", "compare-runs.v1").containsEntry("compared_count", 12);
        List<Map<String, Object>> ranking = list(c, "ranking");
        assertThat(ranking).extracting(r -> ((Number) r.get("value")).doubleValue())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(map(c, "winner")).containsEntry("run_id", ranking.getFirst().get("run_id"));
        assertThat(map(ranking.get(1), "delta_to_winner")).containsKeys("total", "total_band", "components",
                "component_bands", "band_source");
        ToolRegistry small = new ToolRegistry(trackingOf(), new Meters(),
                new McpSettings(Set.of("core"), 1_500, "http://obs.test", "1.0"));
        ToolOutcome first = small.invoke("compare_runs", Map.of("run_ids", sweep(), "metric", "val/acc"),
                TestData.ACTOR, ANALYSIS);
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) first.data();
        assertThat(page).containsEntry("truncated", true).containsKey("next_cursor");
        assertThat(list(page, "ranking")).hasSizeLessThan(12);
    }

    static Tracking trackingOf() {
        return new Tracking(store, Clock.fixed(NOW, ZoneOffset.UTC), false, auditor);
    }

    @Test
    void evaluateSuggestDiagnoseAndWatchAnswerWithinTheirSchemas() {
        String oom = id("llama3.1-8b-full-bs32-seq4096");
        assertThat(ok("evaluate_run", Map.of("run_id", oom))).containsEntry("schema", "evaluate-run.v1")
                .containsEntry("passed", false).containsEntry("health", "critical");
        assertThat(ok("suggest_next_experiment", Map.of("run_id", oom)))
                .containsEntry("schema", "suggest-next-experiment.v1")
                .containsEntry("recommendation_type", "reduce_batch").containsEntry("proposed", 16L);
        assertThat(ok("diagnose_run", Map.of("run_id", oom)).get("probable_cause").toString())
                .contains("out-of-memory");
        Map<String, Object> w = ok("watch_run",
                Map.of("run_id", id("llama3.1-8b-lora-r32-openhermes"), "since_step", 1000, "window", 20));
        assertThat(list(w, "metrics")).singleElement().satisfies(m -> {
            assertThat((List<?>) m.get("window")).hasSize(20);
            assertThat(((Number) m.get("new_points")).longValue()).isPositive();
        });
    }

    @Test
    void theCurveToolsAnswerWithinTheirSchemas() {
        String base = id("llama3.2-1b-sft-baseline");
        assertThat(map(ok("analyze_training_progression", Map.of("run_id", base)), "curve")).containsEntry("key",
                "train/loss");
        assertThat(list(ok("analyze_learning_curves", Map.of("run_id", base)), "gaps")).hasSize(1);
        Map<String, Object> m = ok("identify_critical_moments",
                Map.of("run_id", id("resnet18-cifar10-lr0.4-nowarmup"), "metric", "train/loss"));
        assertThat(list(map(m, "report"), "moments")).extracting(x -> x.get("type")).contains("plateau");
        assertThat(ok("correlate_metrics",
                Map.of("run_id", base, "metric_a", "train/loss", "metric_b", "train/grad_norm", "max_lag", 3)))
                        .containsKey("strength");
        assertThat(map(ok("predict_training_outcome", Map.of("run_id", base, "target_step", 5000)), "forecast"))
                .containsEntry("target_step", 5000L).containsKey("projected");
        assertThat(list(ok("generate_training_insights", Map.of("run_id", base)), "insights")).isNotEmpty();
        assertThat(list(ok("analyze_behavioral_patterns", Map.of("run_id", id("ppo-pong-seed1"))), "notes"))
                .isNotEmpty();
    }

    @Test
    void badInputIsAnInvalidArgumentsResultThatSaysWhatToFix() {
        String pong = id("ppo-pong-seed1");
        List<String> runs = List.of(sweep().getFirst(), pong);
        assertThat(error("compare_runs", Map.of("run_ids", runs, "metric", "val/acc"))).contains("mismatched runs")
                .contains(pong);
        assertThat(error("analyze_training_progression", Map.of("run_id", pong, "metric", "nope")))
                .contains("has no metric 'nope'");
        assertThat(
                error("correlate_metrics", Map.of("run_id", pong, "metric_a", "charts/SPS", "metric_b", "charts/SPS")))
                        .contains("two different metrics");
    }
}

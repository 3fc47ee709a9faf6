package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.RegistryCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.Upload;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.store.blob.FileBlobStore;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactToolsTest {
    static final Set<String> ARTIFACTS = Set.of("artifacts");

    @TempDir
    Path dir;
    final TestData data = new TestData();
    FileBlobStore blobs;
    Tracking tracking;
    ToolRegistry tools;
    List<Artifact> checkpoints;

    @BeforeEach
    void open() {
        blobs = FileBlobStore.open(dir, () -> "http://obs.test", data.clock);
        tracking = new Tracking(data.store, data.clock, false, data.auditor, blobs);
        tools = new ToolRegistry(tracking, data.meters,
                new McpSettings(ARTIFACTS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        Artifacts artifacts = new Artifacts(tracking);
        long[] steps = { 100, 200, 300, 400 };
        tracking.logMetrics(TestData.ACTOR, data.baseline.id(), Map.of("eval/loss",
                new MetricColumns(steps, new double[] { 0.9, 0.4, 0.6, 0.5 }, new long[] { 1, 2, 3, 4 })));
        checkpoints = java.util.Arrays.stream(steps).mapToObj(s -> artifacts.upload(TestData.ACTOR,
                Upload.of(data.baseline.id(), "ckpt/step_" + s + ".pt", bytes("w" + s)))).toList();
    }

    @AfterEach
    void close() {
        blobs.close();
        data.close();
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ARTIFACTS);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    String error(String tool, Map<String, Object> args, String code) {
        ToolOutcome o = tools.invoke(tool, args, TestData.ACTOR, ARTIFACTS);
        assertThat(o.result().isError()).as("%s should fail", tool).isTrue();
        assertThat(o.errorCode()).as("%s: %s", tool, o.errorMessage()).isEqualTo(code);
        return o.errorMessage();
    }

    @Test
    void theArtifactsToolsetIsCompleteAndCoreOffersThreeOfIt() {
        List<ToolDef> own = ToolCatalog.all().stream().filter(t -> t.toolset().equals("artifacts")).toList();
        assertThat(own).extracting(ToolDef::name).containsExactlyInAnyOrder("list_checkpoints", "find_best_checkpoint",
                "get_lineage", "get_checkpoint_metadata", "get_checkpoint_url", "list_replays", "check_object_exists",
                "analyze_checkpoint_progression", "analyze_checkpoint_usage", "get_checkpoint_statistics",
                "compare_checkpoints_across_runs", "list_artifacts", "get_artifact", "browse_storage",
                "get_storage_usage", "register_checkpoints", "link_entities", "promote_checkpoint");
        for (McpSchema.Tool t : tools.tools(ARTIFACTS)) {
            assertThat(t.description()).hasSizeGreaterThan(120);
            assertThat(t.inputSchema()).containsEntry("additionalProperties", false);
        }
        assertThat(own.stream().filter(t -> t.alsoIn().contains("core")).map(ToolDef::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("list_checkpoints", "find_best_checkpoint", "get_lineage");
    }

    @Test
    void promotesTheBestCheckpointOfARunInTwoCalls() {
        Map<String, Object> best = ok("find_best_checkpoint",
                Map.of("run_id", data.baseline.id(), "by", "metric", "metric", "eval/loss", "goal", "min"));
        Map<String, Object> ckpt = map(best, "checkpoint");
        assertThat(ckpt).containsEntry("step", 200L);
        assertThat(map(best, "metric")).containsEntry("value", 0.4).containsEntry("exact", true);

        Map<String, Object> v = ok("promote_checkpoint", Map.of("artifact_id", ckpt.get("id"), "model", "resnet"));

        assertThat(v).containsEntry("version", 1).containsEntry("run_id", data.baseline.id());
        assertThat(map(v, "metrics")).containsEntry("eval/loss", 0.4);
        Map<String, Object> g = ok("get_lineage", Map.of("entity", "model_version/" + v.get("version_id"), "depth", 1));
        assertThat(list(g, "edges")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("relation", "derived_from"));
    }

    @Test
    void answersTheSixSeedLinkQuestionsWithOneGetLineageCallEach() {
        String run = "run/" + data.baseline.id();
        String job = "job/sky-17";
        String ckpt = "artifact/" + checkpoints.get(1).id();
        ok("link_entities", Map.of("from", job, "relation", "produced", "to", run));
        ok("link_entities", Map.of("from", job, "relation", "produced", "to", "run/" + data.diverged.id()));

        assertThat(entities(run, 1, "checkpoint")).hasSize(4).allMatch(e -> e.startsWith("artifact/"));
        assertThat(entities(run, 1, "job")).containsExactly(job);
        assertThat(entities(ckpt, 1, "run")).containsExactly(run);
        assertThat(entities(ckpt, 2, "job")).containsExactly(job);
        assertThat(entities(job, 1, "run")).containsExactlyInAnyOrder(run, "run/" + data.diverged.id());
        assertThat(entities(job, 2, "checkpoint")).hasSize(4);
    }

    private List<String> entities(String entity, int depth, String kind) {
        Map<String, Object> g = ok("get_lineage", Map.of("entity", entity, "depth", depth, "kinds", List.of(kind)));
        return list(g, "nodes").stream().map(n -> (String) n.get("entity")).toList();
    }

    @Test
    void listsCheckpointsNewestFirstWithCursorsAndGivesSignedLinks() {
        Map<String, Object> first = ok("list_checkpoints",
                Map.of("run_id", data.baseline.id(), "order", "newest", "limit", 3));
        assertThat(list(first, "checkpoints")).extracting(c -> c.get("step")).containsExactly(400L, 300L, 200L);
        Map<String, Object> rest = ok("list_checkpoints", Map.of("run_id", data.baseline.id(), "order", "newest",
                "limit", 3, "cursor", first.get("next_cursor")));
        assertThat(list(rest, "checkpoints")).extracting(c -> c.get("step")).containsExactly(100L);
        Map<String, Object> url = ok("get_checkpoint_url",
                Map.of("artifact_id", checkpoints.get(0).id(), "expires_in_seconds", 600));
        assertThat((String) url.get("url")).startsWith("http://obs.test/api/v1/blobs/signed?");
        assertThat(url).containsEntry("expires_at", "2025-03-01T12:10:00Z");
        Map<String, Object> stats = ok("get_checkpoint_statistics", Map.of("run_id", data.baseline.id()));
        assertThat(stats).containsEntry("count", 4L).containsEntry("min_step", 100L).containsEntry("max_step", 400L);
        Map<String, Object> exists = ok("check_object_exists", Map.of("key", checkpoints.get(0).blobKey()));
        assertThat(exists).containsEntry("exists", true).containsEntry("size", 4L);
        assertThat(ok("get_storage_usage", Map.of())).containsEntry("objects", 4L).containsEntry("complete", true);
        assertThat(list(ok("analyze_checkpoint_progression",
                Map.of("run_id", data.baseline.id(), "metrics", List.of("eval/loss"))), "trajectory")).hasSize(4);
    }

    @Test
    void registersCheckpointsFoundInTheStore() {
        blobs.put("external/run-12/checkpoint-500/model.safetensors", bytes("x"), 1, null, null);
        blobs.put("external/run-12/checkpoint-500/optimizer.pt", bytes("x"), 1, null, null);
        blobs.put("external/run-12/epoch=3-step=1000.ckpt", bytes("xy"), 2, null, null);
        blobs.put("external/run-12/notes.txt", bytes("x"), 1, null, null);

        Map<String, Object> r = ok("register_checkpoints",
                Map.of("run_id", data.sweep.id(), "prefix", "external/run-12/"));

        assertThat(r).containsEntry("registered", 2L).containsEntry("scanned", 4L);
        assertThat(list(ok("list_checkpoints", Map.of("run_id", data.sweep.id())), "checkpoints"))
                .extracting(c -> c.get("step")).containsExactly(500L, 1000L);
        Map<String, Object> browse = ok("browse_storage", Map.of("prefix", "external/run-12/"));
        assertThat(browse.get("folders")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("external/run-12/checkpoint-500/");
    }

    @Test
    void badArgumentsAndUnknownEntitiesAreIsErrorResults() {
        assertThat(error("get_lineage", Map.of("entity", "run"), ToolOutcome.INVALID_ARGUMENTS)).contains("kind/id");
        assertThat(error("get_lineage", Map.of("entity", "pipeline/x"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("unknown entity kind");
        error("get_lineage", Map.of("entity", "run/ghost"), ToolOutcome.NOT_FOUND);
        assertThat(error("link_entities", Map.of("from", "job/j", "relation", "produced", "to", "artifact/ghost"),
                ToolOutcome.NOT_FOUND)).contains("ghost");
        assertThat(error("find_best_checkpoint", Map.of("run_id", data.baseline.id(), "by", "metric"),
                ToolOutcome.INVALID_ARGUMENTS)).contains("metric");
        error("find_best_checkpoint", Map.of("run_id", data.sweep.id()), ToolOutcome.NOT_FOUND);
        error("check_object_exists", Map.of("key", "../etc/passwd"), ToolOutcome.INVALID_ARGUMENTS);
        error("get_checkpoint_url", Map.of("artifact_id", "nope"), ToolOutcome.NOT_FOUND);
    }
}

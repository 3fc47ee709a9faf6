package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Tracking;
import dev.observatory.core.dataset.DatasetSettings;
import dev.observatory.core.dataset.Datasets;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.ToolDef;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetToolsTest {
    static final Set<String> DATASETS = Set.of("datasets");
    @TempDir
    Path data;
    @TempDir
    Path models;
    @TempDir
    Path outside;
    final TestData td = new TestData();
    final ToolRegistry tools = td.registry();

    @BeforeEach
    void roots() {
        Datasets.configure(td.tracking, new DatasetSettings(List.of(data), List.of(models)));
    }

    @AfterEach
    void close() {
        td.close();
    }

    ToolOutcome call(ToolRegistry registry, String tool, Map<String, Object> args) {
        return registry.invoke(tool, args, TestData.ACTOR, DATASETS);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = call(tools, tool, args);
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        assertThat(((TextContent) o.result().content().getFirst()).text()).isEqualTo(Json.write(o.data()));
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void theDatasetsToolsetHasTenToolsWithWriteToolsMarked() {
        List<ToolDef> mine = ToolCatalog.all().stream().filter(t -> t.toolset().equals("datasets")).toList();
        assertThat(mine).extracting(ToolDef::name).containsExactly("create_training_config", "validate_training_config",
                "recommend_training_plan", "list_configs", "get_config", "register_dataset", "list_datasets",
                "diagnose_dataset", "auto_improve_dataset", "list_local_models");
        assertThat(mine.stream().filter(t -> !t.hints().readOnly()).map(ToolDef::name))
                .containsExactly("create_training_config", "register_dataset", "auto_improve_dataset");
    }

    @Test
    @SuppressWarnings("unchecked")
    void createValidateListAndGetConfigs() {
        Map<String, Object> created = ok("create_training_config",
                Map.of("name", "cats", "template", "lora-finetune", "overrides",
                        Map.of("training.learning_rate", 0.0002, "lora.target_modules", "[to_q, to_v]"), "description",
                        "first try"));
        Map<String, Object> config = (Map<String, Object>) created.get("config");
        assertThat(config).containsEntry("version", 1).containsEntry("format", "yaml");
        assertThat((String) config.get("content")).contains("learning_rate: 2.0E-4").contains("- to_q");
        ok("create_training_config",
                Map.of("name", "cats", "template", "lora-finetune", "overrides", Map.of("lora.rank", 8)));

        assertThat(ok("get_config", Map.of("name", "cats", "version", 1)).get("versions")).isEqualTo(2);
        Map<String, Object> list = ok("list_configs", Map.of("include_templates", true));
        assertThat(list).containsEntry("total", 1L);
        assertThat((List<Map<String, Object>>) list.get("templates")).hasSize(3);
        assertThat(ok("validate_training_config", Map.of("name", "cats"))).containsEntry("valid", true);

        Map<String, Object> bad = ok("validate_training_config", Map.of("template", "classifier", "content",
                "{\"model\": {\"backbone\": \"r\", \"num_classes\": 1}, \"output_dir\": \"o\"}"));
        assertThat(bad).containsEntry("valid", false);
        assertThat((List<Map<String, Object>>) bad.get("violations")).extracting(v -> v.get("path"))
                .containsExactly("$.dataset", "$.model.num_classes", "$.training");

        ToolOutcome invalid = call(tools, "create_training_config",
                Map.of("name", "x", "template", "classifier", "overrides", Map.of("training.epochs", 0)));
        assertThat(invalid.ok()).isFalse();
        assertThat(invalid.errorMessage()).contains("$.training.epochs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void registerDiagnoseImproveAndUndoADataset() throws Exception {
        Path pets = data.resolve("pets");
        Files.createDirectories(pets);
        byte[] a = png(16, 16);
        Files.write(pets.resolve("a.png"), a);
        Files.writeString(pets.resolve("a.txt"), "a cat");
        Files.write(pets.resolve("b.png"), a);
        Files.write(pets.resolve("c.png"), Arrays.copyOf(png(32, 16), 40));

        Map<String, Object> reg = ok("register_dataset", Map.of("name", "pets", "path", "pets"));
        assertThat((Map<String, Object>) reg.get("dataset")).containsEntry("kind", "image");
        assertThat(ok("list_datasets", Map.of())).containsEntry("total", 1L);

        Map<String, Object> d = ok("diagnose_dataset", Map.of("dataset", "pets"));
        Map<String, Object> images = (Map<String, Object>) d.get("images");
        assertThat(images).containsEntry("images", 3L).containsEntry("corrupt_count", 1)
                .containsEntry("missing_captions_count", 2).containsEntry("duplicate_files", 1L);
        assertThat((List<String>) d.get("findings")).hasSize(3);

        Map<String, Object> plan = ok("auto_improve_dataset", Map.of("dataset", "pets"));
        assertThat(plan).containsEntry("applied", false).containsEntry("change_count", 2);
        assertThat(Files.exists(pets.resolve("c.png"))).isTrue();

        Map<String, Object> applied = ok("auto_improve_dataset", Map.of("dataset", "pets", "apply", true));
        assertThat(applied).containsEntry("applied", true).containsEntry("run_id", "20250301T120000Z");
        assertThat(Files.exists(pets.resolve("c.png"))).isFalse();

        Map<String, Object> undone = ok("auto_improve_dataset",
                Map.of("dataset", "pets", "undo_run_id", "20250301T120000Z"));
        assertThat(undone).containsEntry("undone", true).containsEntry("change_count", 2);
        assertThat(Files.readAllBytes(pets.resolve("b.png"))).isEqualTo(a);
        assertThat(Files.exists(pets.resolve("c.png"))).isTrue();
    }

    @Test
    void pathsOutsideTheRootsAndWritesInReadOnlyModeAreRefused() throws Exception {
        Files.createDirectories(outside.resolve("x"));
        ToolOutcome o = call(tools, "register_dataset", Map.of("name", "x", "path", outside.resolve("x").toString()));
        assertThat(o.ok()).isFalse();
        assertThat(o.errorMessage()).contains("outside the configured dataset_roots");
        assertThat(call(tools, "diagnose_dataset", Map.of("dataset", "../" + outside.getFileName())).errorMessage())
                .contains("outside");

        Tracking readOnly = new Tracking(td.store, td.clock, true, td.auditor);
        Datasets.configure(readOnly, new DatasetSettings(List.of(data), List.of(models)));
        ToolRegistry ro = new ToolRegistry(readOnly, td.meters,
                new McpSettings(Set.of("core"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        Files.createDirectories(data.resolve("y"));
        for (var call : List.of(Map.entry("register_dataset", Map.<String, Object> of("name", "y", "path", "y")),
                Map.entry("create_training_config", Map.<String, Object> of("name", "c", "template", "classifier")),
                Map.entry("auto_improve_dataset", Map.<String, Object> of("dataset", "y", "apply", true)))) {
            ToolOutcome r = ro.invoke(call.getKey(), call.getValue(), TestData.ACTOR, DATASETS);
            assertThat(r.ok()).as(call.getKey()).isFalse();
            assertThat(r.errorCode()).as(call.getKey()).isEqualTo(ToolOutcome.READ_ONLY);
        }
        assertThat(ro.invoke("auto_improve_dataset", Map.of("dataset", "y"), TestData.ACTOR, DATASETS).ok()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void recommendsAPlanAndListsLocalModels() throws Exception {
        Map<String, Object> plan = ok("recommend_training_plan", Map.of("method", "lora", "examples", 500,
                "model_parameters", 2_600_000_000L, "gpu_memory_gb", 24, "tokens_per_example", 4096));
        assertThat(plan).containsEntry("micro_batch_size", 8).containsEntry("max_steps", 157L).containsEntry("fits",
                true);
        assertThat((List<Map<String, Object>>) plan.get("items")).hasSize(9);

        byte[] header = "{\"w\": {\"dtype\": \"BF16\", \"shape\": [10, 10], \"data_offsets\": [0, 200]}}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer st = ByteBuffer.allocate(8 + header.length + 200).order(ByteOrder.LITTLE_ENDIAN);
        st.putLong(header.length).put(header);
        Files.createDirectories(models.resolve("loras"));
        Files.write(models.resolve("loras/a.safetensors"), st.array());
        Files.write(models.resolve("b.ckpt"), new byte[7]);

        Map<String, Object> page = ok("list_local_models", Map.of("limit", 1));
        assertThat(page).containsEntry("total", 2L).containsEntry("truncated", true);
        List<Map<String, Object>> files = (List<Map<String, Object>>) page.get("models");
        assertThat(files).extracting(f -> f.get("path")).containsExactly("b.ckpt");
        Map<String, Object> next = ok("list_local_models", Map.of("limit", 1, "cursor", page.get("next_cursor")));
        Map<String, Object> st0 = ((List<Map<String, Object>>) next.get("models")).get(0);
        assertThat(st0).containsEntry("path", "loras/a.safetensors").containsEntry("format", "safetensors");
        assertThat((Map<String, Object>) st0.get("header")).containsEntry("parameters", 100L).containsEntry("tensors",
                1L);
        assertThat(next).containsEntry("truncated", false);
    }
}

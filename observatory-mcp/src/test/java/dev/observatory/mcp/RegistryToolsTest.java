package dev.observatory.mcp;

import static dev.observatory.mcp.Calls.list;
import static dev.observatory.mcp.RegistryCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Tracking;
import dev.observatory.model.AuditEvent;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryToolsTest {
    final TestData data = new TestData();
    final RegistryCalls calls = new RegistryCalls(data.registry());

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void theRegistryToolsetHasElevenToolsAndCoreAlsoOffersTwoOfThem() {
        ToolRegistry tools = data.registry();
        List<McpSchema.Tool> registry = tools.tools(Set.of("registry"));
        assertThat(registry).extracting(McpSchema.Tool::name).containsExactly("list_models", "get_model",
                "create_model", "update_model", "delete_model", "list_versions", "get_version", "get_latest_version",
                "create_version", "promote_version", "compare_versions");
        for (McpSchema.Tool t : registry) {
            assertThat(t.description()).hasSizeGreaterThan(120);
            assertThat(t.inputSchema()).containsEntry("additionalProperties", false);
            assertThat(t.outputSchema()).containsEntry("type", "object");
        }
        assertThat(annotations(registry, "delete_model").destructiveHint()).isTrue();
        assertThat(annotations(registry, "create_model").readOnlyHint()).isFalse();
        assertThat(annotations(registry, "create_version").idempotentHint()).isFalse();
        assertThat(annotations(registry, "compare_versions").readOnlyHint()).isTrue();
        assertThat(tools.tools(Set.of("core"))).extracting(McpSchema.Tool::name)
                .contains("list_models", "get_latest_version").doesNotContain("create_model", "delete_model");
        assertThat(tools.isEnabled("get_latest_version", Set.of("core"))).isTrue();
        assertThat(tools.isEnabled("create_version", Set.of("core"))).isFalse();
    }

    private static McpSchema.ToolAnnotations annotations(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().annotations();
    }

    @Test
    void createsListsAndGetsModels() {
        Map<String, Object> created = calls.ok("create_model",
                Map.of("name", "resnet-50", "description", "image classifier", "tags", Map.of("team", "vision")));
        calls.ok("create_model", Map.of("name", "llama-3-70b"));
        calls.ok("create_model", Map.of("name", "llama-3-8b"));

        assertThat(map(created, "model")).containsEntry("name", "resnet-50").containsEntry("owner", "test")
                .containsEntry("tags", Map.of("team", "vision"));
        Map<String, Object> llamas = calls.ok("list_models", Map.of("search", "LLAMA"));
        assertThat(list(llamas, "models")).extracting(m -> m.get("name")).containsExactly("llama-3-70b", "llama-3-8b");
        assertThat(llamas).containsEntry("total", 2L).containsEntry("truncated", false);
        assertThat(list(calls.ok("list_models", Map.of("tags", Map.of("team", "vision"))), "models")).hasSize(1);
        assertThat(list(calls.ok("list_models", Map.of("name_like", "llama-3-_b")), "models"))
                .extracting(m -> m.get("name")).containsExactly("llama-3-8b");
        Map<String, Object> got = calls.ok("get_model", Map.of("model", "resnet-50"));
        assertThat(map(got, "model")).containsEntry("description", "image classifier");
        assertThat(got).containsEntry("version_count", 0L).containsEntry("truncated", false);
    }

    @Test
    void listModelsPagesWithACursor() {
        for (int i = 0; i < 7; i++) {
            calls.ok("create_model", Map.of("name", "m" + i));
        }
        Map<String, Object> first = calls.ok("list_models", Map.of("limit", 3));
        assertThat(list(first, "models")).extracting(m -> m.get("name")).containsExactly("m0", "m1", "m2");
        Map<String, Object> second = calls.ok("list_models", Map.of("limit", 3, "cursor", first.get("next_cursor")));
        assertThat(list(second, "models")).extracting(m -> m.get("name")).containsExactly("m3", "m4", "m5");
        Map<String, Object> last = calls.ok("list_models", Map.of("limit", 3, "cursor", second.get("next_cursor")));
        assertThat(list(last, "models")).extracting(m -> m.get("name")).containsExactly("m6");
        assertThat(last).doesNotContainKey("next_cursor");
        calls.error("list_models", Map.of("limit", 5, "cursor", first.get("next_cursor")), ToolOutcome.INVALID_CURSOR);
    }

    @Test
    void badModelArgumentsAreIsErrorResultsThatSayWhatToFix() {
        calls.ok("create_model", Map.of("name", "m"));
        assertThat(calls.error("create_model", Map.of("name", "m"), ToolOutcome.CONFLICT)).contains("'m'");
        assertThat(calls.error("create_model", Map.of(), ToolOutcome.INVALID_ARGUMENTS))
                .contains("missing required argument 'name'");
        assertThat(calls.error("create_model", Map.of("name", "bad\u0007name"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("control character");
        assertThat(calls.error("get_model", Map.of("model", "ghost"), ToolOutcome.NOT_FOUND)).contains("list_models");
        assertThat(calls.error("update_model", Map.of("model", "m"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("nothing to change");
        assertThat(calls.error("list_models", Map.of("search", "a", "name_like", "b"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("either 'search' or 'name_like'");
        assertThat(calls.error("list_models", Map.of("sort", "size"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("argument 'sort' must be one of name, updated, created");
    }

    @Test
    void updatesAndRenamesAModel() {
        calls.ok("create_model", Map.of("name", "m", "tags", Map.of("wip", "yes", "team", "a")));
        Map<String, Object> u = calls.ok("update_model", Map.of("model", "m", "description", "better", "set_tags",
                Map.of("team", "b"), "remove_tags", List.of("wip"), "new_name", "m2"));
        assertThat(map(u, "model")).containsEntry("name", "m2").containsEntry("description", "better")
                .containsEntry("tags", Map.of("team", "b"));
        calls.error("get_model", Map.of("model", "m"), ToolOutcome.NOT_FOUND);
    }

    @Test
    void createsVersionsFromRunsWithTheirMetricsAsSnapshotAndLineage() {
        calls.ok("create_model", Map.of("name", "resnet"));
        Map<String, Object> v1 = calls.ok("create_version",
                Map.of("model", "resnet", "run_id", data.baseline.id(), "source", "s3://ckpt/1"));
        Map<String, Object> version = map(v1, "version");
        assertThat(version).containsEntry("version", 1).containsEntry("stage", "None").containsEntry("status", "READY")
                .containsEntry("run_id", data.baseline.id()).containsEntry("created_by", "test");
        assertThat(map(version, "metrics")).containsKeys("loss", "val/acc", "system/gpu_util");
        assertThat(map(v1, "run")).containsEntry("name", "resnet-baseline").containsEntry("url",
                "http://obs.test/runs/" + data.baseline.id());
        assertThat(v1.get("resource")).isEqualTo("observatory://versions/" + version.get("id"));
        Map<String, Object> v2 = calls.ok("create_version",
                Map.of("model", "resnet", "source", "s3://ckpt/2", "metrics", Map.of("acc", 0.93)));
        assertThat(map(map(v2, "version"), "metrics")).isEqualTo(Map.of("acc", 0.93));
        assertThat(map(v2, "version")).containsEntry("version", 2);
    }

    @Test
    void badVersionArgumentsAreIsErrorResults() {
        calls.ok("create_model", Map.of("name", "m"));
        assertThat(calls.error("create_version", Map.of("model", "m"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("source").contains("run_id");
        assertThat(calls.error("create_version", Map.of("model", "m", "run_id", "nope"), ToolOutcome.NOT_FOUND))
                .contains("nope");
        assertThat(calls.error("create_version", Map.of("model", "ghost", "source", "s3://x"), ToolOutcome.NOT_FOUND))
                .contains("ghost");
        assertThat(calls.error("create_version", Map.of("model", "m", "source", "s", "metrics", Map.of("acc", "hi")),
                ToolOutcome.INVALID_ARGUMENTS)).contains("argument 'metrics'").contains("'acc'");
        assertThat(calls.error("get_version", Map.of("model", "m", "version", 4), ToolOutcome.NOT_FOUND))
                .contains("no version 4");
        assertThat(calls.error("get_version", Map.of("model", "m"), ToolOutcome.INVALID_ARGUMENTS))
                .contains("name the version");
        assertThat(calls.error("get_version", Map.of("model", "m", "version", 0), ToolOutcome.INVALID_ARGUMENTS))
                .contains("argument 'version' must be between 1");
        assertThat(calls.error("get_latest_version", Map.of("model", "m"), ToolOutcome.NOT_FOUND))
                .contains("has no versions");
    }

    @Test
    void listsAndGetsVersionsByNumberAliasAndId() {
        registerThree();
        Map<String, Object> all = calls.ok("list_versions", Map.of("model", "resnet"));
        assertThat(list(all, "versions")).extracting(v -> v.get("version")).containsExactly(3, 2, 1);
        assertThat(all).containsEntry("total", 3L);
        Map<String, Object> page = calls.ok("list_versions", Map.of("model", "resnet", "limit", 2));
        Map<String, Object> rest = calls.ok("list_versions",
                Map.of("model", "resnet", "limit", 2, "cursor", page.get("next_cursor")));
        assertThat(list(rest, "versions")).extracting(v -> v.get("version")).containsExactly(1);
        assertThat(list(calls.ok("list_versions", Map.of("run_id", data.diverged.id())), "versions"))
                .extracting(v -> v.get("version")).containsExactly(2);
        calls.ok("promote_version", Map.of("model", "resnet", "version", 2, "alias", "champion"));
        Map<String, Object> byAlias = calls.ok("get_version", Map.of("model", "resnet", "alias", "champion"));
        assertThat(map(byAlias, "version")).containsEntry("version", 2).containsEntry("aliases", List.of("champion"));
        String id = (String) map(byAlias, "version").get("id");
        assertThat(map(calls.ok("get_version", Map.of("version_id", id)), "version")).containsEntry("version", 2);
        assertThat(map(calls.ok("get_version", Map.of("model", "resnet", "version", 1)), "version"))
                .containsEntry("run_id", data.baseline.id());
    }

    @Test
    void promotesByAliasAndStageArchivingThePreviousRelease() {
        registerThree();
        calls.ok("promote_version", Map.of("model", "resnet", "version", 1, "stage", "production"));
        Map<String, Object> p = calls.ok("promote_version", Map.of("model", "resnet", "version", 3, "stage",
                "Production", "archive_existing", true, "alias", "champion"));
        assertThat(map(p, "version")).containsEntry("stage", "Production").containsEntry("aliases",
                List.of("champion"));
        assertThat(p).containsEntry("archived_versions", List.of(1));
        assertThat(map(calls.ok("get_version", Map.of("model", "resnet", "version", 1)), "version"))
                .containsEntry("stage", "Archived");
        assertThat(map(calls.ok("get_latest_version", Map.of("model", "resnet", "stage", "Production")), "version"))
                .containsEntry("version", 3);
        assertThat(map(calls.ok("get_latest_version", Map.of("model", "resnet")), "version")).containsEntry("version",
                3);
        Map<String, Object> moved = calls.ok("promote_version",
                Map.of("model", "resnet", "version", 2, "alias", "champion"));
        assertThat(moved.get("changes").toString()).contains("moved from version 3");
        Map<String, Object> model = calls.ok("get_model", Map.of("model", "resnet"));
        assertThat(map(map(model, "model"), "aliases")).isEqualTo(Map.of("champion", 2));
        assertThat(map(model, "latest_by_stage")).containsEntry("Production", 3).containsEntry("Archived", 1);
        assertThat(
                calls.error("promote_version", Map.of("model", "resnet", "version", 2), ToolOutcome.INVALID_ARGUMENTS))
                        .contains("nothing to promote");
        assertThat(calls.error("promote_version", Map.of("model", "resnet", "version", 2, "stage", "Live"),
                ToolOutcome.INVALID_ARGUMENTS)).contains("argument 'stage' must be one of None, Staging");
        assertThat(calls.error("promote_version", Map.of("model", "resnet", "version", 2, "alias", "latest"),
                ToolOutcome.INVALID_ARGUMENTS)).contains("reserved");
        assertThat(calls.error("promote_version",
                Map.of("model", "resnet", "version", 2, "stage", "Archived", "archive_existing", true),
                ToolOutcome.INVALID_ARGUMENTS)).contains("Staging or Production");
    }

    @Test
    void comparesMetricsSnapshotsAndRunParamsSideBySide() {
        registerThree();
        calls.ok("promote_version", Map.of("model", "resnet", "version", 1, "alias", "champion"));
        Map<String, Object> c = calls.ok("compare_versions",
                Map.of("model", "resnet", "versions", List.of("champion", "v2")));
        assertThat(list(c, "versions")).extracting(v -> v.get("version")).containsExactly(1, 2);
        Map<String, Object> loss = list(c, "metrics").stream().filter(m -> m.get("key").equals("loss")).findFirst()
                .orElseThrow();
        assertThat((List<?>) loss.get("values")).hasSize(2).last().isEqualTo("NaN");
        assertThat(list(c, "params").getFirst()).containsEntry("key", "lr").containsEntry("differs", true)
                .containsEntry("values", List.of("0.001", "0.1"));
        assertThat(list(c, "params")).anySatisfy(p -> assertThat(p).containsEntry("key", "model.depth")
                .containsEntry("values", java.util.Arrays.asList("50", null)));
        Map<String, Object> diff = calls.ok("compare_versions",
                Map.of("model", "resnet", "versions", List.of("1", "2"), "only_differences", true));
        assertThat(list(diff, "params")).allSatisfy(p -> assertThat(p).containsEntry("differs", true));
        assertThat(calls.error("compare_versions", Map.of("model", "resnet", "versions", List.of("1")),
                ToolOutcome.INVALID_ARGUMENTS)).contains("at least 2");
        assertThat(calls.error("compare_versions", Map.of("model", "resnet", "versions", List.of("1", "gold")),
                ToolOutcome.NOT_FOUND)).contains("no alias 'gold'").contains("champion");
    }

    @Test
    void deleteModelNeedsAnExplicitConfirmation() {
        registerThree();
        String message = calls.error("delete_model", Map.of("model", "resnet"), ToolOutcome.INVALID_ARGUMENTS);
        assertThat(message).contains("3 version(s)").contains("confirm=true");
        calls.ok("get_model", Map.of("model", "resnet"));
        calls.error("delete_model", Map.of("model", "resnet", "confirm", false), ToolOutcome.INVALID_ARGUMENTS);

        Map<String, Object> d = calls.ok("delete_model", Map.of("model", "resnet", "confirm", true));

        assertThat(d).containsEntry("deleted", true).containsEntry("versions_deleted", 3L);
        calls.error("get_model", Map.of("model", "resnet"), ToolOutcome.NOT_FOUND);
        calls.error("delete_model", Map.of("model", "resnet", "confirm", true), ToolOutcome.NOT_FOUND);
    }

    @Test
    void everyWriteIsAudited() {
        registerThree();
        calls.ok("promote_version", Map.of("model", "resnet", "version", 3, "alias", "champion", "stage", "Staging"));
        calls.ok("update_model", Map.of("model", "resnet", "description", "d"));
        calls.ok("delete_model", Map.of("model", "resnet", "confirm", true));
        List<String> actions = data.store.audit().list(Long.MAX_VALUE, 100).stream().map(AuditEvent::action)
                .filter(a -> a.startsWith("model.") || a.startsWith("version.") || a.startsWith("alias.")).toList();
        assertThat(actions).containsExactly("model.delete", "model.update", "alias.set", "version.stage",
                "version.create", "version.create", "version.create", "model.create");
        assertThat(data.store.audit().list(Long.MAX_VALUE, 10).stream().filter(e -> !e.action().startsWith("tool."))
                .findFirst().orElseThrow()).satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("test");
                    assertThat(e.surface()).isEqualTo("mcp");
                    assertThat(e.target()).isEqualTo("model/resnet");
                });
    }

    @Test
    void readOnlyModeRefusesEveryRegistryWriteButAnswersReads() {
        registerThree();
        Tracking readOnly = new Tracking(data.store, data.clock, true, data.auditor);
        RegistryCalls ro = new RegistryCalls(new ToolRegistry(readOnly, data.meters,
                new McpSettings(Set.of("registry"), McpSettings.DEFAULT_BUDGET, null, "1.0")));

        assertThat(ro.error("create_model", Map.of("name", "x"), ToolOutcome.READ_ONLY)).contains("read-only");
        ro.error("create_version", Map.of("model", "resnet", "source", "s"), ToolOutcome.READ_ONLY);
        ro.error("update_model", Map.of("model", "resnet", "description", "x"), ToolOutcome.READ_ONLY);
        ro.error("promote_version", Map.of("model", "resnet", "version", 1, "alias", "a"), ToolOutcome.READ_ONLY);
        ro.error("delete_model", Map.of("model", "resnet", "confirm", true), ToolOutcome.READ_ONLY);
        ro.error("delete_model", Map.of("model", "resnet"), ToolOutcome.READ_ONLY);
        assertThat(ro.ok("list_versions", Map.of("model", "resnet"))).containsEntry("total", 3L);
        assertThat(map(ro.ok("get_model", Map.of("model", "resnet")), "model")).doesNotContainKey("aliases");
    }

    private void registerThree() {
        calls.ok("create_model", Map.of("name", "resnet"));
        calls.ok("create_version", Map.of("model", "resnet", "run_id", data.baseline.id(), "source", "s3://1"));
        calls.ok("create_version", Map.of("model", "resnet", "run_id", data.diverged.id(), "source", "s3://2"));
        calls.ok("create_version", Map.of("model", "resnet", "source", "s3://3"));
    }
}

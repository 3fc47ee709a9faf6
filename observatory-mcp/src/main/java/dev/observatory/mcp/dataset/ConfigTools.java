package dev.observatory.mcp.dataset;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.dataset.ConfigTemplate;
import dev.observatory.core.dataset.TrainingConfigs;
import dev.observatory.core.dataset.Violation;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.dataset.TrainingConfig;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** create_training_config, validate_training_config, list_configs and get_config. */
final class ConfigTools {
    static final String DATASETS = "datasets";
    static final List<String> TEMPLATES = List.of("lora-finetune", "full-finetune", "classifier");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ConfigTools() {
    }

    static Param template() {
        return Param.string("template",
                "Template whose JSON Schema the config follows: lora-finetune, full-finetune" + " or classifier.")
                .oneOf(TEMPLATES).example("\"lora-finetune\"");
    }

    static ToolDef create() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Config name; saving a name again adds its next version.").required()
                        .between(1, 100).example("\"sdxl-cats\""),
                template().required(), Param
                        .scalarMap("overrides",
                                "Values to change, by dotted path; each value is read as YAML (numbers,"
                                        + " booleans, [lists]).")
                        .example("{\"training.learning_rate\": 0.0002, \"lora.rank\": 32}"),
                Param.string("content",
                        "A full config (YAML or JSON) to start from instead of the template's" + " defaults.")
                        .between(1, TrainingConfigs.MAX_CONTENT),
                Param.string("format", "yaml or json (default: yaml, or json when content is JSON).")
                        .oneOf(List.of("yaml", "json")),
                Param.string("description", "What this version is for.").between(1, 1000));
        Map<String, Object> out = Schemas.object("the saved version").prop("config", DatasetViews.CONFIG, true).build();
        return new ToolDef("create_training_config", DATASETS, "Create a training config",
                "Create a training config from a template (lora-finetune, full-finetune, classifier) with overrides by"
                        + " dotted path, validate it against the template's JSON Schema and save it as the next"
                        + " version of its name. An invalid config is not saved: the error lists every problem with"
                        + " its JSON path. Needs write access.",
                in, out, new Hints(false, false, false, false), ConfigTools::createConfig);
    }

    static Map<String, Object> createConfig(Args args, ToolContext ctx) {
        ObjectNode overrides = YAML.createObjectNode();
        args.scalarMap("overrides").forEach((k, v) -> overrides.set(k, scalar(v)));
        TrainingConfig c = new TrainingConfigs(ctx.tracking()).create(ctx.actor(), args.string("name"),
                args.string("template"), args.string("content"), overrides, args.string("format"),
                args.string("description"));
        return Obj.of().with("config", DatasetViews.config(c, true));
    }

    private static JsonNode scalar(String v) {
        try {
            JsonNode n = YAML.readTree(v);
            return n == null || n.isMissingNode() ? YAML.getNodeFactory().stringNode(v) : n;
        } catch (RuntimeException e) {
            return YAML.getNodeFactory().stringNode(v);
        }
    }

    static ToolDef validate() {
        InputSchema in = InputSchema.of(template(),
                Param.string("content", "Config text (YAML or JSON) to check; or give name.").between(1,
                        TrainingConfigs.MAX_CONTENT),
                Param.string("name", "A saved config to check against its own template.").between(1, 100),
                Param.integer("version", "Version of the saved config (default: latest).").between(1, 1_000_000));
        Map<String, Object> out = Schemas.object("the verdict").prop("valid", bool(null), true)
                .prop("template", string(null), true)
                .prop("violations", array(DatasetViews.VIOLATION, "every problem, by path"), true).build();
        return new ToolDef("validate_training_config", DATASETS, "Validate a training config",
                "Check a training config (text, or a saved one by name) against its template's JSON Schema before"
                        + " starting a job: returns every violation with the JSON path of the value"
                        + " ($.training.learning_rate), what is expected and the schema keyword. A config that does"
                        + " not parse gives one violation at $ with the line.",
                in, out, Hints.READ_ONLY, ConfigTools::validateConfig);
    }

    static Map<String, Object> validateConfig(Args args, ToolContext ctx) {
        TrainingConfigs configs = new TrainingConfigs(ctx.tracking());
        String template;
        List<Violation> violations;
        if (args.string("name") != null) {
            Long v = args.longValue("version");
            TrainingConfig c = configs.get(args.string("name"), v == null ? null : Math.toIntExact(v));
            template = c.template();
            violations = configs.validate(c);
        } else if (args.string("content") != null && args.string("template") != null) {
            template = args.string("template");
            violations = configs.validate(template, args.string("content"));
        } else {
            throw new IllegalArgumentException("give name (a saved config), or content and template");
        }
        return Obj.of().with("valid", violations.isEmpty()).with("template", template).with("violations",
                violations.stream().map(DatasetViews::violation).toList());
    }

    static ToolDef list() {
        InputSchema in = InputSchema.of(template().example("\"classifier\""),
                Param.integer("limit", "Most configs to return.").between(1, 200).defaultsTo(50L),
                Param.bool("include_templates", "Also list the templates with their sections.").defaultsTo(false),
                PageCursor.param());
        Map<String, Object> tpl = Schemas.object("a template").prop("name", string(null), true)
                .prop("description", string(null), true).prop("sections", array(string(null), null), true).build();
        Map<String, Object> out = Schemas
                .paged(Schemas.object("saved configs")
                        .prop("configs", array(DatasetViews.CONFIG, "latest version of each name, by name"), true)
                        .prop("total", integer(null), true).prop("templates", array(tpl, "when include_templates")))
                .build();
        return new ToolDef("list_configs", DATASETS, "List training configs",
                "List saved training configs (latest version of each name, by name), optionally of one template;"
                        + " include_templates also lists the templates create_training_config accepts.",
                in, out, Hints.READ_ONLY, ConfigTools::listConfigs);
    }

    static Map<String, Object> listConfigs(Args args, ToolContext ctx) {
        TrainingConfigs configs = new TrainingConfigs(ctx.tracking());
        int limit = args.intValue("limit");
        long offset = PageCursor.offset(args, ctx);
        List<TrainingConfig> page = configs.list(args.string("template"), limit + 1, offset);
        List<Obj> rows = page.stream().limit(limit).map(c -> DatasetViews.config(c, false)).toList();
        int n = ctx.budget().fit(Obj.of().with("total", 0), rows);
        boolean more = n < rows.size() || page.size() > limit;
        Obj out = Obj.of().with("configs", rows.subList(0, n)).with("total", configs.count(args.string("template")))
                .with("truncated", more).with("next_cursor", more ? PageCursor.at(offset + n, args, ctx) : null);
        if (args.bool("include_templates")) {
            out.with("templates", configs.templates().stream().map(ConfigTools::template).toList());
        }
        return out;
    }

    private static Obj template(ConfigTemplate t) {
        return Obj.of().with("name", t.name()).with("description", t.description()).with("sections", t.sections());
    }

    static ToolDef get() {
        InputSchema in = InputSchema.of(
                Param.string("name", "Config name.").required().between(1, 100).example("\"sdxl-cats\""),
                Param.integer("version", "Version (default: latest).").between(1, 1_000_000));
        Map<String, Object> out = Schemas.object("one config version").prop("config", DatasetViews.CONFIG, true)
                .prop("versions", integer("how many versions the name has"), true).build();
        return new ToolDef("get_config", DATASETS, "Get a training config",
                "Get one version of a saved training config (default: the latest) with its full text, template and"
                        + " format, and how many versions exist.",
                in, out, Hints.READ_ONLY, ConfigTools::getConfig);
    }

    static Map<String, Object> getConfig(Args args, ToolContext ctx) {
        TrainingConfigs configs = new TrainingConfigs(ctx.tracking());
        Long v = args.longValue("version");
        TrainingConfig c = configs.get(args.string("name"), v == null ? null : Math.toIntExact(v));
        return Obj.of().with("config", DatasetViews.config(c, true)).with("versions",
                configs.versions(c.name()).size());
    }
}

package dev.observatory.mcp.registry;

import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.Stage;
import java.util.Map;
import java.util.TreeMap;

/** Arguments the registry tools share, and small conversions. */
final class RegistryArgs {
    private RegistryArgs() {
    }

    static Registry registry(ToolContext ctx) {
        return new Registry(ctx.tracking());
    }

    static Param model() {
        return Param.string("model", "Registered model name, as listed by list_models.").required().between(1, 256)
                .example("\"resnet-50\"");
    }

    static Param version() {
        return Param.integer("version", "Version number (1, 2, ...), as listed by list_versions.").required()
                .between(1, Integer.MAX_VALUE).example("3");
    }

    static Param stage(String description) {
        return Param.string("stage", description).oneOf(RegistryViews.STAGES).example("\"Production\"");
    }

    static Param tags(String name, String description) {
        return Param.scalarMap(name, description).example("{\"team\": \"vision\"}");
    }

    static Stage stage(Args args) {
        String s = args.string("stage");
        return s == null ? null : Stage.parse(s);
    }

    static int version(Args args, String name) {
        return Math.toIntExact(args.longValue(name));
    }

    /** A version named by number ("3", "v3") or by alias ("champion"). */
    static ModelVersion resolve(Registry registry, String model, String ref) {
        String r = ref.trim();
        String digits = r.startsWith("v") || r.startsWith("V") ? r.substring(1) : r;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 10) {
            return registry.getVersion(model, Integer.parseInt(digits));
        }
        return registry.getByAlias(model, r);
    }

    /** The values of a numbers map: every value must parse as a number; the message names the argument and key. */
    static Map<String, Double> numbers(String argument, Map<String, String> raw) {
        Map<String, Double> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            try {
                out.put(k, Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument '" + argument + "': the value of '" + k + "' is '" + v
                        + "', not a number; send e.g. {\"" + k + "\": 0.91}");
            }
        });
        return out;
    }
}

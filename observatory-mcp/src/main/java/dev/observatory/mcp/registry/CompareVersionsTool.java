package dev.observatory.mcp.registry;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.registry.Registry;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.Run;
import dev.observatory.model.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * compare_versions: two to ten versions of a model side by side: their metrics snapshots and the params of the runs
 * they came from (nested params flattened to dotted keys), differing params first.
 */
final class CompareVersionsTool {
    private CompareVersionsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(RegistryArgs.model(),
                Param.strings("versions",
                        "Versions to compare, by number (\"3\" or \"v3\") or alias (\"champion\")," + " 2 to 10.")
                        .required().between(2, 10).example("[\"champion\", \"7\"]"),
                Param.bool("only_differences", "Leave out params that are equal in every version.").defaultsTo(false));
        Map<String, Object> value = Map.of("type", List.of("number", "string", "null"), "description",
                "a number, \"NaN\", \"Infinity\" or \"-Infinity\"; null where the version lacks the metric");
        Map<String, Object> valueList = array(value, "one value per compared version, in order");
        Map<String, Object> out = Schemas.object("versions side by side")
                .prop("versions", array(RegistryViews.VERSION_SCHEMA, "the compared versions, in the order asked"),
                        true)
                .prop("metrics",
                        array(Schemas.object("one metric across the versions").prop("key", string(null), true)
                                .prop("values", valueList, true).build(),
                                "metrics snapshot of each version (null where a version lacks the key)"),
                        true)
                .prop("params", array(
                        Schemas.object("one run param across the versions")
                                .prop("key", string("dotted path of a nested param"), true)
                                .prop("values",
                                        array(Map.of("type", List.of("string", "null")),
                                                "value per version as" + " JSON text, null where absent"),
                                        true)
                                .prop("differs", bool(null), true).build(),
                        "params of the source runs, differing first"), true)
                .prop("truncated", bool("true when not every metric or param fit"), true).build();
        return new ToolDef("compare_versions", Toolsets.REGISTRY, "Compare model versions",
                "Compare versions of a model side by side: stage, aliases, source, the metrics snapshot of each and"
                        + " the params of the runs that produced them (the ones that differ first). Use it before"
                        + " promote_version to check that a candidate beats the current champion, or to explain a"
                        + " regression.",
                in, out, Hints.READ_ONLY, CompareVersionsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        Registry registry = RegistryArgs.registry(ctx);
        String model = args.string("model");
        registry.getModel(model);
        List<ModelVersion> versions = new ArrayList<>();
        for (String ref : args.strings("versions")) {
            versions.add(RegistryArgs.resolve(registry, model, ref));
        }
        TreeSet<String> metricKeys = new TreeSet<>();
        versions.forEach(v -> metricKeys.addAll(v.metrics().keySet()));
        List<Obj> metrics = new ArrayList<>();
        for (String key : metricKeys) {
            List<Object> values = new ArrayList<>();
            versions.forEach(v -> values.add(v.metrics().containsKey(key) ? Json.num(v.metrics().get(key)) : null));
            metrics.add(Obj.of().with("key", key).with("values", values));
        }
        List<Obj> params = params(registry, versions, args.bool("only_differences"));
        Obj base = Obj.of().with("versions", versions.stream().map(RegistryViews::versionRow).toList());
        int m = ctx.budget().fit(base, metrics);
        int p = ctx.budget().fit(base.with("metrics", metrics.subList(0, m)), params);
        return Obj.of().with("versions", base.get("versions")).with("metrics", metrics.subList(0, m))
                .with("params", params.subList(0, p)).with("truncated", m < metrics.size() || p < params.size());
    }

    private static List<Obj> params(Registry registry, List<ModelVersion> versions, boolean onlyDifferences) {
        List<Map<String, String>> flat = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        for (ModelVersion v : versions) {
            Optional<Run> run = registry.sourceRun(v);
            Map<String, String> f = new LinkedHashMap<>();
            run.ifPresent(r -> flatten("", r.params(), f));
            flat.add(f);
            keys.addAll(f.keySet());
        }
        List<Obj> differing = new ArrayList<>();
        List<Obj> same = new ArrayList<>();
        for (String key : keys) {
            List<String> values = flat.stream().map(f -> f.get(key)).toList();
            boolean differs = values.stream().distinct().count() > 1;
            Obj row = Obj.of().with("key", key).with("values", values).with("differs", differs);
            (differs ? differing : same).add(row);
        }
        if (!onlyDifferences) {
            differing.addAll(same);
        }
        return differing;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> params, Map<String, String> out) {
        params.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(key + ".", (Map<String, Object>) m, out);
            } else {
                out.put(key, v instanceof String s ? s : Objects.toString(v == null ? null : Json.write(v), null));
            }
        });
    }
}

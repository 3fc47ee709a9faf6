package dev.observatory.mcp;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The named groups of MCP tools. {@code core} is on by default; {@code all} enables every toolset. A client picks them
 * with {@code --toolsets}, {@code OBSERVATORY_TOOLSETS} or {@code ?toolsets=} on the HTTP URL.
 */
public final class Toolsets {
    public static final String CORE = "core";
    public static final String ALL = "all";
    /** Models, versions, aliases and stages of the model registry. */
    public static final String REGISTRY = "registry";
    /** Run intelligence: learning curves, critical moments, forecasts, comparisons, scores. */
    public static final String ANALYSIS = "analysis";

    private static final Map<String, String> DESCRIPTIONS = descriptions();

    private Toolsets() {
    }

    private static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CORE, "The common questions across every domain: projects, runs, metrics, logs, search.");
        m.put("runs", "Deeper run tracking: comparisons, params, notes and run lifecycle.");
        m.put("analysis", "Curve analysis: smoothing, trends, change points, correlations, forecasts.");
        m.put("artifacts", "Artifacts and checkpoints of runs, lineage.");
        m.put("jobs", "Training jobs: launch, watch, stop, guardrails.");
        m.put("datasets", "Training configs and plans, datasets (register, diagnose, improve) and local model files.");
        m.put("registry", "Model registry: models, versions, stages.");
        m.put("deploy", "Deployments of model versions and benchmarks of serving endpoints.");
        m.put("release", "GitOps release configs: production GPU topology and changes proposed as pull requests.");
        m.put("traces", "LLM and MCP traces, spans, latency and cost.");
        m.put("ops", "Alerts, SLOs and the server's own health.");
        m.put("query", "Read-only SQL over the store.");
        m.put("admin", "API keys, audit log and server administration.");
        return Map.copyOf(m);
    }

    /** Every toolset name in catalogue order (without {@code all}). */
    public static List<String> names() {
        return List.of(CORE, "runs", "analysis", "artifacts", "jobs", "datasets", "registry", "deploy", "release",
                "traces", "ops", "query", "admin");
    }

    /** One line saying what the toolset holds. */
    public static String description(String toolset) {
        return DESCRIPTIONS.getOrDefault(toolset, "");
    }

    /** The default selection: {@code core}. */
    public static Set<String> defaults() {
        return Set.of(CORE);
    }

    /**
     * Parses a comma-separated list such as {@code "core,runs"} or {@code "all"} (case-insensitive, blanks ignored). An
     * empty or null list means the default ({@code core}).
     *
     * @throws IllegalArgumentException
     *             naming the unknown toolset and listing the valid names
     */
    public static Set<String> parse(String commaList) {
        if (commaList == null) {
            return defaults();
        }
        return parse(Arrays.asList(commaList.split(",")));
    }

    /** Like {@link #parse(String)} for already split names. */
    public static Set<String> parse(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : names) {
            String n = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals(ALL)) {
                out.addAll(names());
            } else if (DESCRIPTIONS.containsKey(n)) {
                out.add(n);
            } else {
                throw new IllegalArgumentException("unknown toolset '" + raw.trim() + "': valid toolsets are "
                        + String.join(", ", names()) + " and " + ALL);
            }
        }
        return out.isEmpty() ? defaults() : ordered(out);
    }

    /** The given toolsets in catalogue order, unmodifiable. */
    static Set<String> ordered(Collection<String> selected) {
        Set<String> out = new LinkedHashSet<>();
        names().stream().filter(selected::contains).forEach(out::add);
        return java.util.Collections.unmodifiableSet(out);
    }
}

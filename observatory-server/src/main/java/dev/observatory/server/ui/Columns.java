package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a project's runs table can show: param paths (from its 500 newest runs; those whose value differs between
 * runs first) and metric keys, with a default choice of a few of each.
 */
record Columns(List<String> params, List<String> metrics, List<String> defaultParams, List<String> defaultMetrics) {
    private static final int SAMPLE = 500;
    private static final int MAX_PARAMS = 200;
    private static final int DEFAULT_PARAMS = 4;
    private static final int DEFAULT_METRICS = 3;

    static Columns of(Tracking tracking, String project) {
        List<Run> sample = tracking.store().runs().list(RunQuery.all(project, SAMPLE));
        Map<String, Set<String>> distinct = new LinkedHashMap<>();
        for (Run run : sample) {
            Params.flatten(run.params())
                    .forEach((path, v) -> distinct.computeIfAbsent(path, x -> new HashSet<>()).add(Params.text(v)));
        }
        List<String> varying = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        distinct.forEach((path, values) -> (values.size() > 1 ? varying : constant).add(path));
        List<String> params = new ArrayList<>(varying);
        params.addAll(constant);
        if (params.size() > MAX_PARAMS) {
            params = params.subList(0, MAX_PARAMS);
        }
        Map<String, Long> keys = tracking.projectMetricKeys(project);
        List<String> metrics = keys.keySet().stream().sorted().toList();
        List<String> defaultMetrics = keys.keySet().stream().sorted(
                Comparator.comparingInt(Columns::metricRank).thenComparing(k -> -keys.get(k)).thenComparing(k -> k))
                .limit(DEFAULT_METRICS).toList();
        List<String> defaultParams = varying.stream().filter(p -> !p.endsWith("seed"))
                .sorted(Comparator.comparingInt(Columns::paramRank)).limit(DEFAULT_PARAMS).toList();
        return new Columns(List.copyOf(params), metrics, defaultParams, defaultMetrics);
    }

    /** Evaluation losses and accuracies first, then training loss, rewards, then the rest. */
    private static int metricRank(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        boolean eval = k.startsWith("eval") || k.startsWith("val") || k.startsWith("test");
        if (eval && (k.contains("loss") || k.contains("acc"))) {
            return 0;
        }
        if (k.contains("return") || k.contains("reward")) {
            return 1;
        }
        if (k.endsWith("loss")) {
            return 2;
        }
        return k.startsWith("system/") ? 4 : 3;
    }

    /** Learning rate, batch size, model name and LoRA rank first; then the other varying params in key order. */
    private static int paramRank(String path) {
        String leaf = path.substring(path.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        if (leaf.equals("lr") || leaf.equals("learning_rate")) {
            return 0;
        }
        if (leaf.contains("batch_size") && !leaf.contains("per_device")) {
            return 1;
        }
        if (path.equals("model.name") || path.equals("model") || path.equals("algo") || path.equals("env")
                || path.endsWith(".env_id") || path.equals("env_id")) {
            return 2;
        }
        return leaf.equals("r") || leaf.contains("rank") ? 3 : 4;
    }

    /** The candidates as a JSON-ready map. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new HashMap<>();
        m.put("params", params);
        m.put("metrics", metrics);
        m.put("default_params", defaultParams);
        m.put("default_metrics", defaultMetrics);
        return m;
    }
}

package dev.observatory.core.release;

import static dev.observatory.core.release.YamlNodes.integer;
import static dev.observatory.core.release.YamlNodes.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The release config file format, one machine per file:
 *
 * <pre>
 * machine: gpu-worker-01
 * gpus: 8                  # GPU ids 0..7
 * gpu_type: A100-80GB      # optional
 * environment: production  # optional (default production)
 * deployments:
 *   - name: llama-chat
 *     model: llama-3-70b
 *     version: 3           # number or alias
 *     template: vllm
 *     replicas: 2          # optional (default 1)
 *     port: 8000           # replica i listens on port + i; or ports: [8000, 8001]
 *     gpus: [0, 1, 2, 3]
 *     env: {MAX_BATCH: "32"}   # optional
 * </pre>
 *
 * Unknown keys are errors (typos must not pass silently); every error names file, line and path.
 */
public final class ReleaseYaml {
    public static final int MAX_GPUS = 1024;
    public static final int MAX_REPLICAS = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Set<String> TOP = Set.of("machine", "gpus", "gpu_type", "environment", "deployments");
    private static final Set<String> DEPLOYMENT = Set.of("name", "model", "version", "template", "replicas", "port",
            "ports", "gpus", "env");

    private ReleaseYaml() {
    }

    /** Parses one file; ReleaseYamlException (file, line, path) for syntax or schema errors. */
    public static ReleaseConfig parse(String file, String text) {
        Node root = YamlNodes.compose(file, text);
        Map<String, Node> top = YamlNodes.mapping(file, root, "", TOP);
        if (!top.containsKey("machine")) {
            throw YamlNodes.error(file, root, "machine", "missing key 'machine' (the machine's name)");
        }
        String machine = name(file, top.get("machine"), "machine");
        if (!top.containsKey("gpus")) {
            throw YamlNodes.error(file, root, "gpus", "missing key 'gpus' (how many GPUs the machine has)");
        }
        int gpus = integer(file, top.get("gpus"), "gpus", 0, MAX_GPUS);
        String gpuType = top.containsKey("gpu_type") ? string(file, top.get("gpu_type"), "gpu_type") : null;
        String env = top.containsKey("environment") ? string(file, top.get("environment"), "environment")
                : "production";
        List<ReleaseDeployment> deployments = new ArrayList<>();
        if (top.containsKey("deployments") && !isNull(top.get("deployments"))) {
            List<Node> items = YamlNodes.sequence(file, top.get("deployments"), "deployments", "deployments");
            for (int i = 0; i < items.size(); i++) {
                deployments.add(deployment(file, items.get(i), "deployments[" + i + "]"));
            }
        }
        return new ReleaseConfig(file, machine, gpus, gpuType, env, deployments);
    }

    private static ReleaseDeployment deployment(String file, Node n, String path) {
        Map<String, Node> m = YamlNodes.mapping(file, n, path, DEPLOYMENT);
        for (String k : List.of("name", "model", "version", "template")) {
            if (!m.containsKey(k)) {
                throw YamlNodes.error(file, n, path + "." + k, "missing key '" + k + "'");
            }
        }
        int replicas = m.containsKey("replicas") ? integer(file, m.get("replicas"), path + ".replicas", 1, MAX_REPLICAS)
                : 1;
        List<Integer> ports = ports(file, m, path, replicas, n);
        List<Integer> gpus = new ArrayList<>();
        if (m.containsKey("gpus")) {
            List<Node> ids = YamlNodes.sequence(file, m.get("gpus"), path + ".gpus", "GPU ids");
            for (int i = 0; i < ids.size(); i++) {
                gpus.add(integer(file, ids.get(i), path + ".gpus[" + i + "]", 0, MAX_GPUS - 1));
            }
        }
        Map<String, String> env = m.containsKey("env") ? YamlNodes.stringMap(file, m.get("env"), path + ".env")
                : Map.of();
        return new ReleaseDeployment(name(file, m.get("name"), path + ".name"),
                name(file, m.get("model"), path + ".model"), string(file, m.get("version"), path + ".version"),
                name(file, m.get("template"), path + ".template"), replicas, ports, gpus, env, YamlNodes.line(n));
    }

    private static List<Integer> ports(String file, Map<String, Node> m, String path, int replicas, Node n) {
        List<Integer> ports = new ArrayList<>();
        if (m.containsKey("ports")) {
            List<Node> items = YamlNodes.sequence(file, m.get("ports"), path + ".ports", "ports");
            for (int i = 0; i < items.size(); i++) {
                ports.add(integer(file, items.get(i), path + ".ports[" + i + "]", 1, 65_535));
            }
            if (ports.size() != replicas) {
                throw YamlNodes.error(file, m.get("ports"), path + ".ports",
                        "expected one port per replica (" + replicas + "), got " + ports.size());
            }
        } else if (m.containsKey("port")) {
            int first = integer(file, m.get("port"), path + ".port", 1, 65_536 - replicas);
            for (int i = 0; i < replicas; i++) {
                ports.add(first + i);
            }
        } else {
            throw YamlNodes.error(file, n, path + ".port", "missing key 'port' (or 'ports', one per replica)");
        }
        return ports;
    }

    private static String name(String file, Node n, String path) {
        String s = string(file, n, path);
        if (!NAME.matcher(s).matches()) {
            throw YamlNodes.error(file, n, path,
                    "expected a name of letters, digits, '.', '_' or '-' (at most 128), got '" + s + "'");
        }
        return s;
    }

    private static boolean isNull(Node n) {
        return n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"));
    }

    /**
     * The file text of a config in the canonical style of the format above ({@code port} for consecutive ports, GPU
     * lists in flow style, defaults left out), so a change to one deployment shows as a small diff. Comments of an
     * earlier version of the file are not kept.
     */
    public static String render(ReleaseConfig c) {
        StringBuilder b = new StringBuilder();
        b.append("machine: ").append(scalar(c.machine())).append('\n');
        b.append("gpus: ").append(c.gpuCount()).append('\n');
        if (c.gpuType() != null) {
            b.append("gpu_type: ").append(scalar(c.gpuType())).append('\n');
        }
        if (!"production".equals(c.environment())) {
            b.append("environment: ").append(scalar(c.environment())).append('\n');
        }
        b.append("deployments:").append(c.deployments().isEmpty() ? " []\n" : "\n");
        for (ReleaseDeployment d : c.deployments()) {
            b.append("  - name: ").append(scalar(d.name())).append('\n');
            b.append("    model: ").append(scalar(d.model())).append('\n');
            b.append("    version: ").append(scalar(d.version())).append('\n');
            b.append("    template: ").append(scalar(d.template())).append('\n');
            if (d.replicas() != 1) {
                b.append("    replicas: ").append(d.replicas()).append('\n');
            }
            if (consecutive(d.ports())) {
                b.append("    port: ").append(d.ports().get(0)).append('\n');
            } else {
                b.append("    ports: ").append(flow(d.ports())).append('\n');
            }
            b.append("    gpus: ").append(flow(d.gpus())).append('\n');
            if (!d.env().isEmpty()) {
                b.append("    env:\n");
                new java.util.TreeMap<>(d.env()).forEach(
                        (k, v) -> b.append("      ").append(scalar(k)).append(": ").append(quoted(v)).append('\n'));
            }
        }
        return b.toString();
    }

    private static boolean consecutive(List<Integer> ports) {
        for (int i = 1; i < ports.size(); i++) {
            if (ports.get(i) != ports.get(0) + i) {
                return false;
            }
        }
        return !ports.isEmpty();
    }

    private static String flow(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String scalar(String s) {
        return SAFE.matcher(s).matches() ? s : quoted(s);
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }
}

package dev.observatory.core.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The serving templates: vLLM, TGI, Triton and custom ship as examples (resources next to this class); files under
 * {@code templates/} in the release repository add templates or replace a built-in one of the same name.
 */
final class DockerTemplates {
    static final String REPO_DIR = "templates/";
    private static final List<String> BUILTIN = List.of("vllm", "tgi", "triton", "custom");
    private static final Set<String> KEYS = Set.of("name", "description", "image", "api", "command", "port",
            "health_path");
    private static final List<DockerTemplate> BUILTINS = loadBuiltins();

    private DockerTemplates() {
    }

    static List<DockerTemplate> builtins() {
        return BUILTINS;
    }

    private static List<DockerTemplate> loadBuiltins() {
        List<DockerTemplate> out = new ArrayList<>();
        for (String name : BUILTIN) {
            String res = "templates/" + name + ".yaml";
            try (InputStream in = DockerTemplates.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in template " + res);
                }
                out.add(parse(res, new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }

    /** Parses one template file; ReleaseYamlException with file and line when it is not valid. */
    static DockerTemplate parse(String file, String text, String source) {
        Node root = YamlNodes.compose(file, text);
        Map<String, Node> m = YamlNodes.mapping(file, root, "", KEYS);
        for (String k : List.of("name", "command", "port")) {
            if (!m.containsKey(k)) {
                throw YamlNodes.error(file, root, k, "missing key '" + k + "'");
            }
        }
        List<String> command = new ArrayList<>();
        List<Node> parts = YamlNodes.sequence(file, m.get("command"), "command", "command words");
        for (int i = 0; i < parts.size(); i++) {
            command.add(YamlNodes.string(file, parts.get(i), "command[" + i + "]"));
        }
        return new DockerTemplate(YamlNodes.string(file, m.get("name"), "name"), optional(file, m, "description"),
                optional(file, m, "image"), command, YamlNodes.integer(file, m.get("port"), "port", 1, 65_535),
                m.containsKey("health_path") ? YamlNodes.string(file, m.get("health_path"), "health_path") : "/health",
                m.containsKey("api") ? YamlNodes.string(file, m.get("api"), "api") : "custom", source);
    }

    private static String optional(String file, Map<String, Node> m, String key) {
        return m.containsKey(key) ? YamlNodes.string(file, m.get(key), key) : "";
    }
}

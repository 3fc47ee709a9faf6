package dev.observatory.core.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed reading of a composed YAML node tree (snakeyaml-engine) that keeps the file, the line and the path of every
 * value, so that each schema error says where it is: {@link ReleaseYamlException}.
 */
final class YamlNodes {
    private static final int MAX_ALIASES = 50;

    private YamlNodes() {
    }

    /** Composes one YAML document; syntax errors become ReleaseYamlException with the line. */
    static Node compose(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowDuplicateKeys(false).build();
        try {
            return new Compose(settings).composeString(text)
                    .orElseThrow(() -> new ReleaseYamlException(file, 1, "", "the file is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new ReleaseYamlException(file, line, "", "invalid YAML, " + context + problem);
        } catch (YamlEngineException e) {
            throw new ReleaseYamlException(file, 1, "", "invalid YAML, " + e.getMessage());
        }
    }

    static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    static ReleaseYamlException error(String file, Node n, String path, String problem) {
        return new ReleaseYamlException(file, line(n), path, problem);
    }

    /** The keys of a mapping node in file order; fails on a non-mapping or a key outside {@code allowed}. */
    static Map<String, Node> mapping(String file, Node n, String path, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) {
            throw error(file, n, path, "expected a mapping with keys " + String.join(", ", allowed));
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            String at = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            if (key == null || !allowed.contains(key)) {
                throw error(file, t.getKeyNode(), at, "unknown key; valid keys here are " + String.join(", ", allowed));
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    static List<Node> sequence(String file, Node n, String path, String what) {
        if (!(n instanceof SequenceNode s)) {
            throw error(file, n, path, "expected a list of " + what);
        }
        return new ArrayList<>(s.getValue());
    }

    static String string(String file, Node n, String path) {
        if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw error(file, n, path, "expected a non-empty text value");
        }
        return s.getValue().trim();
    }

    static int integer(String file, Node n, String path, int min, int max) {
        if (n instanceof ScalarNode s) {
            try {
                int v = Integer.parseInt(s.getValue().trim());
                if (v < min || v > max) {
                    throw error(file, n, path, "expected an integer between " + min + " and " + max + ", got " + v);
                }
                return v;
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw error(file, n, path, "expected an integer between " + min + " and " + max);
    }

    static Map<String, String> stringMap(String file, Node n, String path) {
        if (!(n instanceof MappingNode m)) {
            throw error(file, n, path, "expected a mapping of names to text values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = string(file, t.getKeyNode(), path);
            out.put(key, t.getValueNode() instanceof ScalarNode s ? s.getValue()
                    : throwNotScalar(file, t.getValueNode(), path + "." + key));
        }
        return out;
    }

    private static String throwNotScalar(String file, Node n, String path) {
        throw error(file, n, path, "expected a text value");
    }
}

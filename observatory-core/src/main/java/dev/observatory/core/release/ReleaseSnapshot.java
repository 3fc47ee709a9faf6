package dev.observatory.core.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release repository parsed at one commit of the production branch: its configs, the files that failed to parse
 * (with file and line) and the templates. Immutable; cached by commit id.
 *
 * @param texts
 *            file path -> YAML text of every release config file (parsed or not)
 */
public record ReleaseSnapshot(String commitId, String branch, List<ReleaseConfig> configs,
        List<ReleaseYamlException> errors, List<DockerTemplate> templates, Map<String, String> texts) {

    public ReleaseSnapshot {
        configs = List.copyOf(configs);
        errors = List.copyOf(errors);
        templates = List.copyOf(templates);
        texts = Map.copyOf(texts);
    }

    /** The config of a machine (first file naming it). */
    public Optional<ReleaseConfig> machine(String name) {
        return configs.stream().filter(c -> c.machine().equals(name)).findFirst();
    }

    /** The config in a file. */
    public Optional<ReleaseConfig> file(String path) {
        return configs.stream().filter(c -> c.path().equals(path)).findFirst();
    }

    public Optional<DockerTemplate> template(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}

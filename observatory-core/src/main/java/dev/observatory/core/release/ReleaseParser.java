package dev.observatory.core.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ReleaseSnapshot} from file texts: bad files are collected as errors, never abort the whole read. */
final class ReleaseParser {
    private ReleaseParser() {
    }

    static ReleaseSnapshot snapshot(String commitId, String branch, Map<String, String> texts,
            Map<String, String> templateTexts) {
        List<ReleaseConfig> configs = new ArrayList<>();
        List<ReleaseYamlException> errors = new ArrayList<>();
        texts.forEach((path, text) -> {
            try {
                configs.add(ReleaseYaml.parse(path, text));
            } catch (ReleaseYamlException e) {
                errors.add(e);
            }
        });
        Map<String, DockerTemplate> templates = new LinkedHashMap<>();
        DockerTemplates.builtins().forEach(t -> templates.put(t.name(), t));
        templateTexts.forEach((path, text) -> {
            try {
                DockerTemplate t = DockerTemplates.parse(path, text, path);
                templates.put(t.name(), t);
            } catch (ReleaseYamlException e) {
                errors.add(e);
            }
        });
        return new ReleaseSnapshot(commitId, branch, configs, errors, new ArrayList<>(templates.values()), texts);
    }
}

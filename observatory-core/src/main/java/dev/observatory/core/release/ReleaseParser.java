package dev.observatory.core.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ReleaseSnapshot} from file texts: bad files are collected as errors, never abort the whole read. */
final class ReleaseParser {
    private ReleaseParser() {
    }

    /** One release config file: its text and what it parsed to (the config, or the error saying file and line). */
    record ParsedFile(String text, ReleaseConfig config, ReleaseYamlException error) {
        static ParsedFile of(String path, String text) {
            try {
                return new ParsedFile(text, ReleaseYaml.parse(path, text), null);
            } catch (ReleaseYamlException e) {
                return new ParsedFile(text, null, e);
            }
        }
    }

    static ReleaseSnapshot snapshot(String commitId, String branch, Map<String, String> texts,
            Map<String, String> templateTexts) {
        Map<String, ParsedFile> files = new LinkedHashMap<>();
        texts.forEach((path, text) -> files.put(path, ParsedFile.of(path, text)));
        return snapshotOf(commitId, branch, files, templateTexts);
    }

    /** A snapshot from files parsed already (reused from an earlier commit where their content is unchanged). */
    static ReleaseSnapshot snapshotOf(String commitId, String branch, Map<String, ParsedFile> files,
            Map<String, String> templateTexts) {
        List<ReleaseConfig> configs = new ArrayList<>();
        List<ReleaseYamlException> errors = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        files.forEach((path, f) -> {
            texts.put(path, f.text());
            if (f.config() != null) {
                configs.add(f.config());
            } else {
                errors.add(f.error());
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

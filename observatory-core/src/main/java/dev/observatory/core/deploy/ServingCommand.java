package dev.observatory.core.deploy;

import dev.observatory.core.release.DockerTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command a deployment runs: a given argv, or a serving template's (vLLM, TGI, Triton, custom, or the release
 * repository's), with the placeholders {model}, {version}, {model_path}, {port}, {gpu_count} and {gpus} filled in.
 *
 * @param template
 *            the template's name, or "command" for a given argv
 * @param argv
 *            the command with placeholders still in it
 * @param healthPath
 *            the path probed for health
 * @param image
 *            the template's container image (docker runtime); null for a given argv
 * @param containerPort
 *            the port the template's server listens on inside a container
 */
record ServingCommand(String template, List<String> argv, String healthPath, String image, int containerPort) {
    static final List<String> PLACEHOLDERS = List.of("model", "version", "model_path", "port", "gpu_count", "gpus");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** From the request: its command when given, else the named template; the health path from either. */
    static ServingCommand of(String templateName, List<String> command, String healthPath,
            List<DockerTemplate> templates) {
        if (healthPath != null && !healthPath.startsWith("/")) {
            throw new IllegalArgumentException("health_path must start with /, got '" + healthPath + "'");
        }
        if (!command.isEmpty()) {
            if (command.get(0) == null || command.get(0).isBlank()) {
                throw new IllegalArgumentException("command must start with the program to run");
            }
            DockerTemplate t = templateName == null ? null : find(templateName, templates);
            return new ServingCommand(t == null ? "command" : t.name(), command,
                    healthPath != null ? healthPath : t != null ? t.healthPath() : "/health",
                    t == null ? null : t.image(), t == null ? 0 : t.port());
        }
        if (templateName == null || templateName.isBlank()) {
            throw new IllegalArgumentException("give a serving command (command) or a template ("
                    + String.join(", ", templates.stream().map(DockerTemplate::name).toList()) + ")");
        }
        DockerTemplate t = find(templateName, templates);
        return new ServingCommand(t.name(), t.command(), healthPath != null ? healthPath : t.healthPath(), t.image(),
                t.port());
    }

    private static DockerTemplate find(String name, List<DockerTemplate> templates) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown template '" + name + "': use one of "
                        + String.join(", ", templates.stream().map(DockerTemplate::name).toList())
                        + " (list_docker_templates describes them), or give the command"));
    }

    /** The argv with every placeholder replaced; IllegalArgumentException naming an unknown placeholder. */
    List<String> fill(Map<String, String> values) {
        List<String> out = new ArrayList<>(argv.size());
        for (String arg : argv) {
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) {
                    throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in the command: use "
                            + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()));
                }
                m.appendReplacement(b, Matcher.quoteReplacement(v));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return out;
    }
}

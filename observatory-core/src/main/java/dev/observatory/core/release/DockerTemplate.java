package dev.observatory.core.release;

import java.util.List;

/**
 * A serving template: how a model version is started (image, command with placeholders), which port it listens on and
 * how to probe it.
 *
 * @param command
 *            the serving command; placeholders {@code {model}}, {@code {model_path}}, {@code {port}},
 *            {@code {gpu_count}} and {@code {gpus}} are filled in per deployment
 * @param api
 *            what the service speaks: openai, tgi, triton or custom
 * @param source
 *            "builtin" for the examples shipped with Observatory, else the file in the release repository
 */
public record DockerTemplate(String name, String description, String image, List<String> command, int port,
        String healthPath, String api, String source) {

    public DockerTemplate {
        command = List.copyOf(command);
    }
}

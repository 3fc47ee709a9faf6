package dev.observatory.core.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What trigger_docker_build asks for.
 *
 * @param name
 *            image tag or package name (letters, digits, {@code . _ - / :})
 * @param kind
 *            {@code package} (runs {@code command} in {@code context}) or {@code docker} (docker build of
 *            {@code context}, only where a docker engine answers)
 * @param context
 *            an existing directory: where the command runs, the docker build context
 * @param command
 *            the build command (package builds); ignored for docker builds
 * @param dockerfile
 *            the Dockerfile relative to the context (docker builds), null for {@code Dockerfile}
 * @param template
 *            the serving template the build is for (must exist), or null
 * @param output
 *            the produced file or directory, relative to the context (package builds; its size is recorded), or null
 * @param env
 *            extra environment of the command (secret-looking values are redacted from the log)
 * @param waitFor
 *            how long to wait for the build to end before returning it running (0-600 s)
 */
public record BuildRequest(String name, String kind, String context, List<String> command, String dockerfile,
        String template, String output, Map<String, String> env, Duration waitFor) {

    public BuildRequest {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        waitFor = waitFor == null ? Duration.ZERO : waitFor;
        kind = kind == null ? "package" : kind;
    }
}

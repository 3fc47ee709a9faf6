package dev.observatory.core.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to deploy and how.
 *
 * @param versionId
 *            the registry's version id; or null with {@code model} and {@code version}
 * @param version
 *            version number or alias; null or "latest" for the highest-numbered version
 * @param environment
 *            "local" (default) or "staging"
 * @param runtime
 *            "process" (default) or "docker"
 * @param template
 *            serving template (vllm, tgi, triton, custom or one of the release repository); null when {@code command}
 *            is given
 * @param command
 *            the serving command; placeholders {model}, {version}, {model_path}, {port}, {gpu_count} and {gpus} are
 *            filled in; empty to use the template's
 * @param port
 *            the port to serve on; null to allocate a free one
 * @param env
 *            environment variables added for the server (secret-looking values are redacted everywhere they show)
 * @param healthPath
 *            path probed for health; null for the template's (or /health)
 * @param waitFor
 *            how long the call waits for the deployment to turn healthy (it keeps starting in the background after)
 */
public record DeployRequest(String versionId, String model, String version, String environment, String runtime,
        String template, List<String> command, Integer port, Map<String, String> env, String healthPath,
        Duration waitFor) {

    public DeployRequest {
        environment = environment == null || environment.isBlank() ? "local" : environment;
        runtime = runtime == null || runtime.isBlank() ? "process" : runtime;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        waitFor = waitFor == null ? Duration.ofSeconds(60) : waitFor;
    }
}

package dev.observatory.core.release;

import java.util.List;
import java.util.Map;

/**
 * One deployment in a release config: a model version served from a template on some GPUs and ports of a machine.
 *
 * @param name
 *            unique within the machine
 * @param model
 *            registered model name
 * @param version
 *            version number ("3") or alias ("champion") of the model in the registry
 * @param template
 *            serving template name (list_docker_templates)
 * @param replicas
 *            number of serving processes (>= 1)
 * @param ports
 *            one port per replica
 * @param gpus
 *            GPU ids the deployment occupies on the machine (all replicas together)
 * @param env
 *            extra environment for the serving command
 * @param line
 *            1-based line of the deployment in its YAML file (0 when built in code)
 */
public record ReleaseDeployment(String name, String model, String version, String template, int replicas,
        List<Integer> ports, List<Integer> gpus, Map<String, String> env, int line) {

    public ReleaseDeployment {
        ports = List.copyOf(ports);
        gpus = List.copyOf(gpus);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The same deployment at another line (0: not from a file). */
    ReleaseDeployment atLine(int l) {
        return new ReleaseDeployment(name, model, version, template, replicas, ports, gpus, env, l);
    }
}

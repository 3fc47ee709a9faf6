package dev.observatory.core.release;

import java.util.List;

/**
 * One release config: a YAML file of the release repository describing one production machine, its GPUs and the
 * deployments on them.
 *
 * @param path
 *            file path inside the repository, e.g. {@code machines/gpu-worker-01.yaml}
 * @param machine
 *            machine name, unique across the repository
 * @param gpuCount
 *            GPUs on the machine, ids {@code 0 .. gpuCount-1}
 * @param gpuType
 *            GPU model, e.g. "A100-80GB"; null when not given
 * @param environment
 *            "production" unless the file says otherwise
 */
public record ReleaseConfig(String path, String machine, int gpuCount, String gpuType, String environment,
        List<ReleaseDeployment> deployments) {

    public ReleaseConfig {
        deployments = List.copyOf(deployments);
    }
}

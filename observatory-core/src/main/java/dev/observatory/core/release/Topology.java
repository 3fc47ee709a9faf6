package dev.observatory.core.release;

import java.util.List;

/**
 * The production topology at one commit: every machine's allocation and every conflict (including files that could not
 * be read).
 */
public record Topology(String commitId, String branch, List<MachineTopology> machines,
        List<ReleaseConflict> conflicts) {

    public Topology {
        machines = List.copyOf(machines);
        conflicts = List.copyOf(conflicts);
    }

    public int deploymentCount() {
        return machines.stream().mapToInt(m -> m.deployments().size()).sum();
    }

    public int gpuCount() {
        return machines.stream().mapToInt(MachineTopology::gpuCount).sum();
    }

    public int freeGpuCount() {
        return machines.stream().mapToInt(m -> m.freeGpus().size()).sum();
    }
}

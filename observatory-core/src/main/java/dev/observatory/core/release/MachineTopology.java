package dev.observatory.core.release;

import java.util.List;
import java.util.Map;

/**
 * The GPU and port allocation of one production machine.
 *
 * @param allocations
 *            allocated GPUs in id order with the deployments holding each
 * @param freeGpus
 *            GPU ids no deployment holds
 * @param ports
 *            port -> deployment name (the first one, when two clash)
 * @param conflicts
 *            problems on this machine (GPU and port clashes, over-allocation, unknown versions and templates)
 */
public record MachineTopology(String machine, String file, String environment, String gpuType, int gpuCount,
        List<GpuAllocation> allocations, List<Integer> freeGpus, Map<Integer, String> ports,
        List<ReleaseDeployment> deployments, List<ReleaseConflict> conflicts) {

    public MachineTopology {
        allocations = List.copyOf(allocations);
        freeGpus = List.copyOf(freeGpus);
        ports = Map.copyOf(ports);
        deployments = List.copyOf(deployments);
        conflicts = List.copyOf(conflicts);
    }

    public int allocatedGpus() {
        return allocations.size();
    }
}

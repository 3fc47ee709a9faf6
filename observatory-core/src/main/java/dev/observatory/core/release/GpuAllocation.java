package dev.observatory.core.release;

import java.util.List;

/** Which deployments hold one GPU of a machine (more than one is a conflict). */
public record GpuAllocation(int gpu, List<String> deployments) {
    public GpuAllocation {
        deployments = List.copyOf(deployments);
    }
}

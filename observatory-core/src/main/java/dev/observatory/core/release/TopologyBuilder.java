package dev.observatory.core.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the GPU/port allocation of each machine and its conflicts: a GPU held twice, a GPU the machine does not
 * have, a port used twice on one machine, two deployments with one name, unknown templates and model versions (asked
 * once per distinct model/version), and two files for one machine.
 */
final class TopologyBuilder {
    private final Set<String> templates = new HashSet<>();
    private final VersionCheck versions;
    private final Map<String, Boolean> known = new HashMap<>();

    TopologyBuilder(ReleaseSnapshot snapshot, VersionCheck versions) {
        snapshot.templates().forEach(t -> templates.add(t.name()));
        this.versions = versions;
    }

    Topology build(ReleaseSnapshot s) {
        List<MachineTopology> machines = new ArrayList<>();
        List<ReleaseConflict> all = new ArrayList<>();
        Map<String, String> fileOfMachine = new HashMap<>();
        for (ReleaseConfig c : s.configs()) {
            MachineTopology m = machine(c);
            String first = fileOfMachine.putIfAbsent(c.machine(), c.path());
            if (first != null) {
                List<ReleaseConflict> withDup = new ArrayList<>(m.conflicts());
                withDup.add(new ReleaseConflict(ReleaseConflict.DUPLICATE_MACHINE, c.machine(), c.path(), 1,
                        "machine " + c.machine() + " is also described in " + first));
                m = new MachineTopology(m.machine(), m.file(), m.environment(), m.gpuType(), m.gpuCount(),
                        m.allocations(), m.freeGpus(), m.ports(), m.deployments(), withDup);
            }
            machines.add(m);
            all.addAll(m.conflicts());
        }
        for (ReleaseYamlException e : s.errors()) {
            all.add(new ReleaseConflict(ReleaseConflict.INVALID_FILE, null, e.file(), e.line(), e.getMessage()));
        }
        return new Topology(s.commitId(), s.branch(), machines, all);
    }

    MachineTopology machine(ReleaseConfig c) {
        List<ReleaseConflict> conflicts = new ArrayList<>();
        TreeMap<Integer, List<String>> gpus = new TreeMap<>();
        Map<Integer, String> ports = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ReleaseDeployment d : c.deployments()) {
            if (!names.add(d.name())) {
                conflicts.add(
                        conflict(ReleaseConflict.DUPLICATE_DEPLOYMENT, c, d, "two deployments are named " + d.name()));
            }
            for (int g : d.gpus()) {
                if (g >= c.gpuCount()) {
                    conflicts.add(conflict(ReleaseConflict.GPU_OUT_OF_RANGE, c, d,
                            "deployment " + d.name() + " uses GPU " + g + " but " + c.machine() + " has " + c.gpuCount()
                                    + " GPUs (ids 0-" + (c.gpuCount() - 1) + ")"));
                    continue;
                }
                List<String> holders = gpus.computeIfAbsent(g, k -> new ArrayList<>(1));
                if (!holders.isEmpty()) {
                    conflicts.add(conflict(ReleaseConflict.GPU_DOUBLE_ASSIGNED, c, d, "GPU " + g + " of " + c.machine()
                            + " is assigned to " + holders.get(0) + " and to " + d.name()));
                }
                holders.add(d.name());
            }
            for (int p : d.ports()) {
                String holder = ports.putIfAbsent(p, d.name());
                if (holder != null) {
                    conflicts.add(conflict(ReleaseConflict.PORT_CLASH, c, d,
                            "port " + p + " of " + c.machine() + " is used by " + holder + " and by " + d.name()));
                }
            }
            checkReferences(c, d, conflicts);
        }
        List<GpuAllocation> allocations = new ArrayList<>(gpus.size());
        gpus.forEach((g, ds) -> allocations.add(new GpuAllocation(g, ds)));
        List<Integer> free = new ArrayList<>();
        for (int g = 0; g < c.gpuCount(); g++) {
            if (!gpus.containsKey(g)) {
                free.add(g);
            }
        }
        return new MachineTopology(c.machine(), c.path(), c.environment(), c.gpuType(), c.gpuCount(), allocations, free,
                ports, c.deployments(), conflicts);
    }

    private void checkReferences(ReleaseConfig c, ReleaseDeployment d, List<ReleaseConflict> conflicts) {
        if (!templates.contains(d.template())) {
            conflicts.add(conflict(ReleaseConflict.UNKNOWN_TEMPLATE, c, d, "deployment " + d.name() + " uses template "
                    + d.template() + ", which list_docker_templates does not know"));
        }
        boolean exists = known.computeIfAbsent(d.model() + "\u0000" + d.version(),
                k -> versions.exists(d.model(), d.version()));
        if (!exists) {
            conflicts.add(conflict(ReleaseConflict.UNKNOWN_MODEL_VERSION, c, d, "deployment " + d.name() + " serves "
                    + d.model() + " version " + d.version() + ", which the model registry does not know"));
        }
    }

    private static ReleaseConflict conflict(String kind, ReleaseConfig c, ReleaseDeployment d, String message) {
        return new ReleaseConflict(kind, c.machine(), c.path(), d.line(), message);
    }
}

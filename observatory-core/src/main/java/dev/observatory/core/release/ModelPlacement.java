package dev.observatory.core.release;

import java.util.List;

/** Where one deployment of a model version runs in production (get_models_by_deployment). */
public record ModelPlacement(String model, String version, String machine, String deployment, String template,
        int replicas, List<Integer> ports, List<Integer> gpus, String file) {

    public ModelPlacement {
        ports = List.copyOf(ports);
        gpus = List.copyOf(gpus);
    }
}

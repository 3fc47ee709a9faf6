package dev.observatory.core.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Where datasets and model files may live: every path a user gives must resolve (symbolic links followed) inside one of
 * these roots. Relative paths are taken relative to the first root.
 *
 * @param datasetRoots
 *            dataset_roots: folders that registered datasets, archives to extract and diagnoses may use
 * @param modelRoots
 *            model_roots: folders list_local_models scans for weight files
 */
public record DatasetSettings(List<Path> datasetRoots, List<Path> modelRoots) {

    public DatasetSettings {
        datasetRoots = datasetRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        modelRoots = modelRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The defaults under a data directory: {@code <data_dir>/datasets} and {@code <data_dir>/models}. */
    public static DatasetSettings under(Path dataDir) {
        return new DatasetSettings(List.of(dataDir.resolve("datasets")), List.of(dataDir.resolve("models")));
    }
}

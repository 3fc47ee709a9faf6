package dev.observatory.store;

import dev.observatory.model.Project;
import java.util.List;
import java.util.Optional;

/** Projects, keyed by their unique name. */
public interface ProjectStore {

    /** Creates a project; ConflictException when the name exists. */
    Project create(String name, String description);

    /** Returns the project, creating it when absent (used by ingest paths that name a project implicitly). */
    Project getOrCreate(String name);

    Optional<Project> get(String name);

    /** All projects ordered by name. */
    List<Project> list();

    /** Number of runs per project name, for listings. */
    java.util.Map<String, Long> runCounts();
}

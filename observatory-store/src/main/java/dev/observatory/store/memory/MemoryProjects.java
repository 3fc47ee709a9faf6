package dev.observatory.store.memory;

import dev.observatory.model.Project;
import dev.observatory.store.ConflictException;
import dev.observatory.store.ProjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Projects in a sorted map; one lock. */
final class MemoryProjects implements ProjectStore {

    private final InMemoryStorage.MemoryClock clock;
    private final TreeMap<String, Project> byName = new TreeMap<>();
    private Supplier<Map<String, Long>> runCounts = Map::of;

    MemoryProjects(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    void countRunsWith(Supplier<Map<String, Long>> counts) {
        this.runCounts = counts;
    }

    @Override
    public synchronized Project create(String name, String description) {
        if (byName.containsKey(name)) {
            throw new ConflictException("project '" + name + "' already exists");
        }
        Project p = new Project(name, description, clock.now());
        byName.put(name, p);
        return p;
    }

    @Override
    public synchronized Project getOrCreate(String name) {
        Project existing = byName.get(name);
        return existing != null ? existing : create(name, null);
    }

    @Override
    public synchronized Optional<Project> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public synchronized List<Project> list() {
        return List.copyOf(byName.values());
    }

    /** Gives a project a new, free name (MLflow experiment rename); the caller checked both names. */
    synchronized void rename(String from, String to) {
        Project p = byName.remove(from);
        byName.put(to, new Project(to, p.description(), p.createdAt()));
    }

    @Override
    public Map<String, Long> runCounts() {
        return runCounts.get();
    }
}

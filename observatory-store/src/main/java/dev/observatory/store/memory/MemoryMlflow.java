package dev.observatory.store.memory;

import dev.observatory.store.ConflictException;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.NotFoundException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** MLflow state in maps; one lock. Renames move the project and its runs in the other memory stores. */
final class MemoryMlflow implements MlflowStore {

    private final InMemoryStorage.MemoryClock clock;
    private final MemoryProjects projects;
    private final MemoryRuns runs;
    private final TreeMap<Long, MlflowExperiment> byId = new TreeMap<>();
    private final Map<String, Long> idByProject = new HashMap<>();
    private final Map<String, TreeMap<String, String>> runTags = new HashMap<>();
    private final Map<String, LinkedHashMap<String, String>> inputs = new HashMap<>();
    private long nextId = 1;

    MemoryMlflow(InMemoryStorage.MemoryClock clock, MemoryProjects projects, MemoryRuns runs) {
        this.clock = clock;
        this.projects = projects;
        this.runs = runs;
    }

    @Override
    public synchronized MlflowExperiment experiment(String project) {
        Long id = idByProject.get(project);
        if (id != null) {
            return byId.get(id);
        }
        if (projects.get(project).isEmpty()) {
            throw new NotFoundException("project '" + project + "' does not exist");
        }
        long newId = project.equals(DEFAULT_PROJECT) && !byId.containsKey(0L) ? 0 : nextId++;
        MlflowExperiment e = new MlflowExperiment(newId, project, false, clock.now(), Map.of());
        byId.put(newId, e);
        idByProject.put(project, newId);
        return e;
    }

    @Override
    public synchronized Optional<MlflowExperiment> experimentById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<MlflowExperiment> experiments() {
        projects.list().forEach(p -> experiment(p.name()));
        return List.copyOf(byId.values());
    }

    @Override
    public synchronized MlflowExperiment setDeleted(long id, boolean deleted) {
        MlflowExperiment e = require(id);
        return put(new MlflowExperiment(id, e.project(), deleted, clock.now(), e.tags()));
    }

    @Override
    public synchronized MlflowExperiment rename(long id, String newName) {
        MlflowExperiment e = require(id);
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("the new experiment name must not be blank");
        }
        if (newName.equals(e.project())) {
            return e;
        }
        if (projects.get(newName).isPresent()) {
            throw new ConflictException("a project named '" + newName + "' already exists");
        }
        projects.rename(e.project(), newName);
        runs.moveProject(e.project(), newName);
        idByProject.remove(e.project());
        idByProject.put(newName, id);
        return put(new MlflowExperiment(id, newName, e.deleted(), clock.now(), e.tags()));
    }

    @Override
    public synchronized MlflowExperiment setTag(long id, String key, String value) {
        MlflowExperiment e = require(id);
        Map<String, String> tags = new TreeMap<>(e.tags());
        tags.put(key, value);
        return put(new MlflowExperiment(id, e.project(), e.deleted(), clock.now(), tags));
    }

    private MlflowExperiment require(long id) {
        MlflowExperiment e = byId.get(id);
        if (e == null) {
            throw new NotFoundException("no experiment with id " + id);
        }
        return e;
    }

    private MlflowExperiment put(MlflowExperiment e) {
        byId.put(e.id(), e);
        return e;
    }

    @Override
    public synchronized Map<String, String> runTags(String runId) {
        TreeMap<String, String> tags = runTags.get(runId);
        return tags == null ? Map.of() : new TreeMap<>(tags);
    }

    @Override
    public synchronized Map<String, Map<String, String>> runTags(Collection<String> runIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String id : runIds) {
            TreeMap<String, String> tags = runTags.get(id);
            if (tags != null && !tags.isEmpty()) {
                out.put(id, new TreeMap<>(tags));
            }
        }
        return out;
    }

    @Override
    public synchronized void updateRunTags(String runId, Map<String, String> set, Collection<String> remove) {
        requireRun(runId);
        TreeMap<String, String> tags = runTags.computeIfAbsent(runId, k -> new TreeMap<>());
        remove.forEach(tags::remove);
        tags.putAll(set);
    }

    @Override
    public synchronized void addInputs(String runId, Map<String, String> added) {
        requireRun(runId);
        inputs.computeIfAbsent(runId, k -> new LinkedHashMap<>()).putAll(added);
    }

    @Override
    public synchronized Map<String, String> inputs(String runId) {
        LinkedHashMap<String, String> in = inputs.get(runId);
        return in == null ? Map.of() : new LinkedHashMap<>(in);
    }

    private void requireRun(String runId) {
        if (!runs.exists(runId)) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
    }
}

package dev.observatory.store.memory;

import dev.observatory.model.Ids;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.RunStore;
import dev.observatory.store.internal.RunRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Runs by id; writes under one lock (name uniqueness), reads from a concurrent map. */
final class MemoryRuns implements RunStore {

    private final InMemoryStorage.MemoryClock clock;
    private final MemoryProjects projects;
    private final MemoryMetrics metrics;
    private final Map<String, Run> byId = new ConcurrentHashMap<>();
    private final Set<String> projectAndName = new HashSet<>();

    MemoryRuns(InMemoryStorage.MemoryClock clock, MemoryProjects projects, MemoryMetrics metrics) {
        this.clock = clock;
        this.projects = projects;
        this.metrics = metrics;
    }

    @Override
    public synchronized Run create(NewRun n) {
        if (projects.get(n.project()).isEmpty()) {
            throw new NotFoundException("project '" + n.project() + "' does not exist");
        }
        String id = Ids.newId();
        while (byId.containsKey(id)) {
            id = Ids.newId();
        }
        Run run = RunRules.create(n, id, clock.now());
        claimName(n.project(), run.name());
        byId.put(id, run);
        return run;
    }

    private void claimName(String project, String name) {
        if (!projectAndName.add(project + "\n" + name)) {
            throw new ConflictException("a run named '" + name + "' already exists in project '" + project + "'");
        }
    }

    @Override
    public Optional<Run> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean exists(String id) {
        return byId.containsKey(id);
    }

    @Override
    public synchronized Run update(String id, RunPatch p) {
        Run r = byId.get(id);
        if (r == null) {
            throw new NotFoundException("run '" + id + "' does not exist");
        }
        if (p.name() != null && !p.name().equals(r.name())) {
            claimName(r.project(), p.name());
            projectAndName.remove(r.project() + "\n" + r.name());
        }
        Run updated = RunRules.apply(r, p, clock.now());
        byId.put(id, updated);
        return updated;
    }

    @Override
    public List<Run> list(RunQuery query) {
        return new MemoryRunQuery(query, metrics).page(byId.values());
    }

    @Override
    public long count(RunQuery query) {
        return new MemoryRunQuery(query, metrics).count(byId.values());
    }

    @Override
    public List<Run> search(String text, int limit) {
        return MemoryRunQuery.search(byId.values(), text, limit);
    }

    Map<String, Long> countsByProject() {
        Map<String, Long> counts = new TreeMap<>();
        for (Run r : byId.values()) {
            counts.merge(r.project(), 1L, Long::sum);
        }
        return counts;
    }

    /** Moves every run of a project to its new name (MLflow experiment rename). */
    synchronized void moveProject(String from, String to) {
        for (Run r : List.copyOf(byId.values())) {
            if (r.project().equals(from)) {
                byId.put(r.id(), new Run(r.id(), to, r.name(), r.status(), r.user(), r.tags(), r.params(), r.notes(),
                        r.createdAt(), r.startedAt(), r.endedAt(), r.heartbeatAt(), r.gitCommit(), r.host()));
                projectAndName.remove(from + "\n" + r.name());
                projectAndName.add(to + "\n" + r.name());
            }
        }
    }

    /** Ids of the runs of a project. */
    List<String> idsOf(String project) {
        List<String> ids = new ArrayList<>();
        for (Run r : byId.values()) {
            if (r.project().equals(project)) {
                ids.add(r.id());
            }
        }
        return ids;
    }
}

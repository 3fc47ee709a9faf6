package dev.observatory.store.memory;

import dev.observatory.model.Ids;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.store.ArtifactStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunStore;
import dev.observatory.store.internal.ArtifactOrder;
import dev.observatory.store.internal.JsonMaps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Artifacts in maps under one lock; the reference semantics of the contract. */
final class MemoryArtifacts implements ArtifactStore {

    private final InMemoryStorage.MemoryClock clock;
    private final RunStore runs;
    private final Map<String, Artifact> byId = new LinkedHashMap<>();
    private final Map<String, String> idByRunPath = new HashMap<>();

    MemoryArtifacts(InMemoryStorage.MemoryClock clock, RunStore runs) {
        this.clock = clock;
        this.runs = runs;
    }

    @Override
    public synchronized Artifact put(NewArtifact n) {
        Run run = runs.get(n.runId()).orElseThrow(() -> new NotFoundException("run " + n.runId() + " does not exist"));
        String key = n.runId() + '\u0000' + n.path();
        String id = idByRunPath.computeIfAbsent(key, k -> Ids.newId());
        Instant now = Instant.ofEpochMilli(clock.now().toEpochMilli());
        Artifact a = new Artifact(id, n.runId(), run.project(), n.path(), n.size(), n.sha256(), n.contentType(),
                n.kind(), n.step(), n.epoch(), JsonMaps.normalize(n.metadata()), now, n.blobKey());
        byId.put(id, a);
        return a;
    }

    @Override
    public synchronized Optional<Artifact> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Map<String, Artifact> get(Collection<String> ids) {
        Map<String, Artifact> out = new LinkedHashMap<>();
        for (String id : ids) {
            Artifact a = byId.get(id);
            if (a != null) {
                out.putIfAbsent(id, a);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<Artifact> find(String runId, String path) {
        String id = idByRunPath.get(runId + '\u0000' + path);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized List<Artifact> list(ArtifactQuery q) {
        return byId.values().stream().filter(a -> ArtifactOrder.matches(q, a)).sorted(ArtifactOrder.comparator(q))
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(ArtifactQuery q) {
        return byId.values().stream().filter(a -> ArtifactOrder.matches(q, a)).count();
    }

    @Override
    public synchronized List<ArtifactUsage> usage(ArtifactQuery q, ArtifactUsage.GroupBy groupBy) {
        Function<Artifact, String> group = switch (groupBy) {
            case NONE -> a -> "";
            case PROJECT -> Artifact::project;
            case RUN -> Artifact::runId;
            case KIND -> a -> a.kind().wire();
            case DAY -> a -> LocalDate.ofInstant(a.created(), ZoneOffset.UTC).toString();
        };
        TreeMap<String, List<Artifact>> groups = new TreeMap<>();
        byId.values().stream().filter(a -> ArtifactOrder.matches(q, a))
                .forEach(a -> groups.computeIfAbsent(group.apply(a), k -> new ArrayList<>()).add(a));
        if (groupBy == ArtifactUsage.GroupBy.NONE) {
            return List.of(summarize(null, groups.getOrDefault("", List.of())));
        }
        return groups.entrySet().stream().map(e -> summarize(e.getKey(), e.getValue())).toList();
    }

    private static ArtifactUsage summarize(String group, List<Artifact> items) {
        long bytes = 0;
        Long minStep = null, maxStep = null, minEpoch = null, maxEpoch = null;
        Instant first = null, last = null;
        for (Artifact a : items) {
            bytes += a.size();
            if (a.step() != null) {
                minStep = minStep == null ? a.step() : Math.min(minStep, a.step());
                maxStep = maxStep == null ? a.step() : Math.max(maxStep, a.step());
            }
            if (a.epoch() != null) {
                minEpoch = minEpoch == null ? a.epoch() : Math.min(minEpoch, a.epoch());
                maxEpoch = maxEpoch == null ? a.epoch() : Math.max(maxEpoch, a.epoch());
            }
            first = first == null || a.created().isBefore(first) ? a.created() : first;
            last = last == null || a.created().isAfter(last) ? a.created() : last;
        }
        return new ArtifactUsage(group, items.size(), bytes, minStep, maxStep, minEpoch, maxEpoch, first, last);
    }

    @Override
    public synchronized boolean delete(String id) {
        Artifact a = byId.remove(id);
        if (a != null) {
            idByRunPath.remove(a.runId() + '\u0000' + a.path());
        }
        return a != null;
    }
}

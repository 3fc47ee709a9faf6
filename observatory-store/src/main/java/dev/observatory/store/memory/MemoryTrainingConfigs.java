package dev.observatory.store.memory;

import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.store.TrainingConfigStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Training configs in a sorted map under one lock; the reference semantics of the contract. */
final class MemoryTrainingConfigs implements TrainingConfigStore {
    private final InMemoryStorage.MemoryClock clock;
    private final Map<String, List<TrainingConfig>> byName = new TreeMap<>();

    MemoryTrainingConfigs(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized TrainingConfig save(NewTrainingConfig n) {
        List<TrainingConfig> versions = byName.computeIfAbsent(n.name(), k -> new ArrayList<>());
        TrainingConfig c = new TrainingConfig(n.name(), versions.size() + 1, n.template(), n.format(), n.content(),
                n.description(), clock.now());
        versions.add(c);
        return c;
    }

    @Override
    public synchronized Optional<TrainingConfig> get(String name, int version) {
        List<TrainingConfig> versions = byName.getOrDefault(name, List.of());
        return version < 1 || version > versions.size() ? Optional.empty() : Optional.of(versions.get(version - 1));
    }

    @Override
    public synchronized Optional<TrainingConfig> latest(String name) {
        List<TrainingConfig> versions = byName.getOrDefault(name, List.of());
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    @Override
    public synchronized List<TrainingConfig> versions(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    @Override
    public synchronized List<TrainingConfig> list(String template, int limit, long offset) {
        return latestOf(template).skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count(String template) {
        return latestOf(template).count();
    }

    private java.util.stream.Stream<TrainingConfig> latestOf(String template) {
        return byName.values().stream().map(List::getLast)
                .filter(c -> template == null || c.template().equals(template));
    }
}

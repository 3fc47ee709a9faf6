package dev.observatory.store.memory;

import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.NewDataset;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DatasetStore;
import dev.observatory.store.internal.JsonMaps;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Registered datasets in a sorted map under one lock; the reference semantics of the contract. */
final class MemoryDatasets implements DatasetStore {
    private final InMemoryStorage.MemoryClock clock;
    private final Map<String, Dataset> byName = new TreeMap<>();

    MemoryDatasets(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Dataset register(NewDataset n) {
        if (byName.containsKey(n.name())) {
            throw new ConflictException("a dataset named '" + n.name() + "' is already registered");
        }
        Dataset d = new Dataset(n.name(), n.path(), n.kind(), n.source(), n.description(),
                JsonMaps.normalize(n.metadata()), clock.now());
        byName.put(n.name(), d);
        return d;
    }

    @Override
    public synchronized Optional<Dataset> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public synchronized List<Dataset> list(int limit, long offset) {
        return byName.values().stream().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return byName.size();
    }
}

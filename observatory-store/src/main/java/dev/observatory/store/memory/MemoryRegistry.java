package dev.observatory.store.memory;

import dev.observatory.model.Ids;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.model.registry.VersionStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RegistryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The registry in sorted maps under one lock; the reference semantics of the contract. */
final class MemoryRegistry implements RegistryStore {

    /** A model and its versions; versions are kept without aliases (added on read). */
    private static final class Entry {
        RegisteredModel model;
        int lastVersion;
        final TreeMap<Integer, ModelVersion> versions = new TreeMap<>();

        Entry(RegisteredModel model) {
            this.model = model;
        }
    }

    private final InMemoryStorage.MemoryClock clock;
    private final TreeMap<String, Entry> models = new TreeMap<>();
    private final Map<String, ModelVersion> byId = new HashMap<>();

    MemoryRegistry(InMemoryStorage.MemoryClock clock) {
        this.clock = clock;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.now().toEpochMilli());
    }

    @Override
    public synchronized RegisteredModel createModel(NewModel m) {
        if (models.containsKey(m.name())) {
            throw new ConflictException("a registered model named '" + m.name() + "' already exists");
        }
        Instant now = now();
        RegisteredModel model = new RegisteredModel(m.name(), m.description(), m.tags(), m.owner(), now, now, Map.of());
        models.put(m.name(), new Entry(model));
        return model;
    }

    @Override
    public synchronized Optional<RegisteredModel> getModel(String name) {
        Entry e = models.get(name);
        return e == null ? Optional.empty() : Optional.of(e.model);
    }

    @Override
    public synchronized List<RegisteredModel> listModels(ModelQuery q) {
        Comparator<RegisteredModel> byName = Comparator.comparing(RegisteredModel::name);
        Comparator<RegisteredModel> order = switch (q.sort()) {
            case NAME -> q.descending() ? byName.reversed() : byName;
            case CREATED ->
                    directed(Comparator.comparing(RegisteredModel::createdAt), q.descending()).thenComparing(byName);
            case UPDATED ->
                    directed(Comparator.comparing(RegisteredModel::updatedAt), q.descending()).thenComparing(byName);
        };
        return matching(q).sorted(order).skip(q.offset()).limit(q.limit()).toList();
    }

    private static <T> Comparator<T> directed(Comparator<T> c, boolean descending) {
        return descending ? c.reversed() : c;
    }

    @Override
    public synchronized long countModels(ModelQuery q) {
        return matching(q).count();
    }

    private Stream<RegisteredModel> matching(ModelQuery q) {
        return models.values().stream().map(e -> e.model).filter(m -> q.name() == null || q.name().matches(m.name()))
                .filter(m -> hasTags(m.tags(), q.tags()));
    }

    private static boolean hasTags(Map<String, String> tags, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(w -> w.getValue().equals(tags.get(w.getKey())));
    }

    @Override
    public synchronized RegisteredModel updateModel(String name, ModelPatch p) {
        Entry e = entry(name);
        RegisteredModel m = e.model;
        e.model = new RegisteredModel(m.name(), p.description() == null ? m.description() : p.description(),
                patched(m.tags(), p.setTags(), p.removeTags()), m.owner(), m.createdAt(), now(), m.aliases());
        return e.model;
    }

    static Map<String, String> patched(Map<String, String> tags, Map<String, String> set, List<String> remove) {
        Map<String, String> out = new TreeMap<>(tags);
        out.putAll(set);
        remove.forEach(out::remove);
        return out;
    }

    @Override
    public synchronized RegisteredModel renameModel(String name, String newName) {
        Entry e = entry(name);
        if (!name.equals(newName) && models.containsKey(newName)) {
            throw new ConflictException("a registered model named '" + newName + "' already exists");
        }
        models.remove(name);
        RegisteredModel m = e.model;
        e.model = new RegisteredModel(newName, m.description(), m.tags(), m.owner(), m.createdAt(), now(), m.aliases());
        e.versions.replaceAll((n, v) -> withModel(v, newName));
        e.versions.values().forEach(v -> byId.put(v.id(), v));
        models.put(newName, e);
        return e.model;
    }

    @Override
    public synchronized void deleteModel(String name) {
        Entry e = entry(name);
        e.versions.values().forEach(v -> byId.remove(v.id()));
        models.remove(name);
    }

    @Override
    public synchronized ModelVersion createVersion(NewModelVersion n) {
        Entry e = entry(n.model());
        String id = Ids.newId();
        while (byId.containsKey(id)) {
            id = Ids.newId();
        }
        Instant now = now();
        int number = ++e.lastVersion;
        ModelVersion v = new ModelVersion(id, n.model(), number, n.source(), n.runId(),
                n.status() == null ? VersionStatus.READY : n.status(), n.statusMessage(), n.description(), n.tags(),
                n.createdBy(), now, now, Stage.NONE, n.metrics(), List.of());
        e.versions.put(number, v);
        byId.put(id, v);
        touch(e, now);
        return withAliases(e, v);
    }

    @Override
    public synchronized Optional<ModelVersion> getVersion(String model, int version) {
        Entry e = models.get(model);
        ModelVersion v = e == null ? null : e.versions.get(version);
        return v == null ? Optional.empty() : Optional.of(withAliases(e, v));
    }

    @Override
    public synchronized Optional<ModelVersion> getVersionById(String id) {
        ModelVersion v = byId.get(id);
        return v == null ? Optional.empty() : Optional.of(withAliases(models.get(v.model()), v));
    }

    @Override
    public synchronized List<ModelVersion> listVersions(VersionQuery q) {
        return matching(q).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long countVersions(VersionQuery q) {
        return matching(q).count();
    }

    private Stream<ModelVersion> matching(VersionQuery q) {
        return models.values().stream().filter(e -> q.model() == null || q.model().matches(e.model.name()))
                .flatMap(e -> e.versions.descendingMap().values().stream().map(v -> withAliases(e, v)))
                .filter(v -> q.runId() == null || q.runId().equals(v.runId()))
                .filter(v -> q.stages().isEmpty() || q.stages().contains(v.stage()))
                .filter(v -> hasTags(v.tags(), q.tags()));
    }

    @Override
    public synchronized ModelVersion updateVersion(String model, int version, VersionPatch p) {
        Entry e = entry(model);
        ModelVersion v = version(e, version);
        Instant now = now();
        ModelVersion u = new ModelVersion(v.id(), v.model(), v.version(), v.source(), v.runId(),
                p.status() == null ? v.status() : p.status(),
                p.statusMessage() == null ? v.statusMessage() : p.statusMessage(),
                p.description() == null ? v.description() : p.description(),
                patched(v.tags(), p.setTags(), p.removeTags()), v.createdBy(), v.createdAt(), now, v.stage(),
                v.metrics(), List.of());
        put(e, u);
        touch(e, now);
        return withAliases(e, u);
    }

    @Override
    public synchronized ModelVersion transitionStage(String model, int version, Stage stage, boolean archiveExisting) {
        Entry e = entry(model);
        ModelVersion v = version(e, version);
        Instant now = now();
        if (archiveExisting) {
            for (ModelVersion other : new ArrayList<>(e.versions.values())) {
                if (other.version() != version && other.stage() == stage) {
                    put(e, withStage(other, Stage.ARCHIVED, now));
                }
            }
        }
        ModelVersion moved = withStage(v, stage, now);
        put(e, moved);
        touch(e, now);
        return withAliases(e, moved);
    }

    @Override
    public synchronized void deleteVersion(String model, int version) {
        Entry e = entry(model);
        ModelVersion v = version(e, version);
        e.versions.remove(version);
        byId.remove(v.id());
        Map<String, Integer> aliases = new TreeMap<>(e.model.aliases());
        aliases.values().removeIf(n -> n == version);
        setAliases(e, aliases, now());
    }

    @Override
    public synchronized void setAlias(String model, String alias, int version) {
        Entry e = entry(model);
        version(e, version);
        Map<String, Integer> aliases = new TreeMap<>(e.model.aliases());
        aliases.put(alias, version);
        setAliases(e, aliases, now());
    }

    @Override
    public synchronized boolean deleteAlias(String model, String alias) {
        Entry e = entry(model);
        Map<String, Integer> aliases = new TreeMap<>(e.model.aliases());
        if (aliases.remove(alias) == null) {
            return false;
        }
        setAliases(e, aliases, now());
        return true;
    }

    private Entry entry(String model) {
        Entry e = models.get(model);
        if (e == null) {
            throw new NotFoundException("registered model '" + model + "' does not exist");
        }
        return e;
    }

    private static ModelVersion version(Entry e, int version) {
        ModelVersion v = e.versions.get(version);
        if (v == null) {
            throw new NotFoundException("model '" + e.model.name() + "' has no version " + version);
        }
        return v;
    }

    private void put(Entry e, ModelVersion v) {
        e.versions.put(v.version(), v);
        byId.put(v.id(), v);
    }

    private static void touch(Entry e, Instant now) {
        setAliases(e, e.model.aliases(), now);
    }

    private static void setAliases(Entry e, Map<String, Integer> aliases, Instant now) {
        RegisteredModel m = e.model;
        e.model = new RegisteredModel(m.name(), m.description(), m.tags(), m.owner(), m.createdAt(), now, aliases);
    }

    private static ModelVersion withAliases(Entry e, ModelVersion v) {
        List<String> aliases = e.model.aliases().entrySet().stream().filter(a -> a.getValue() == v.version())
                .map(Map.Entry::getKey).toList();
        return new ModelVersion(v.id(), v.model(), v.version(), v.source(), v.runId(), v.status(), v.statusMessage(),
                v.description(), v.tags(), v.createdBy(), v.createdAt(), v.updatedAt(), v.stage(), v.metrics(),
                aliases);
    }

    private static ModelVersion withModel(ModelVersion v, String model) {
        return new ModelVersion(v.id(), model, v.version(), v.source(), v.runId(), v.status(), v.statusMessage(),
                v.description(), v.tags(), v.createdBy(), v.createdAt(), v.updatedAt(), v.stage(), v.metrics(),
                List.of());
    }

    private static ModelVersion withStage(ModelVersion v, Stage stage, Instant now) {
        return new ModelVersion(v.id(), v.model(), v.version(), v.source(), v.runId(), v.status(), v.statusMessage(),
                v.description(), v.tags(), v.createdBy(), v.createdAt(), now, stage, v.metrics(), List.of());
    }
}

package dev.observatory.core.registry;

import static dev.observatory.core.registry.RegistryRules.quote;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Cursors;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Page;
import dev.observatory.model.Run;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RegistryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The model registry service: registered models, their versions (with lineage to the run that produced them and a
 * metrics snapshot), aliases and MLflow stages. Every surface (MCP, MLflow API, REST) goes through it, so validation,
 * read-only mode and auditing are the same everywhere. It is a stateless facade over a {@link Tracking}'s store, clock,
 * read-only flag and auditor: building one per request is cheap.
 * <p>
 * Errors: IllegalArgumentException for bad input (the message says what to fix), NotFoundException for an unknown
 * model, version, alias or run, ConflictException for a duplicate model name, ReadOnlyException for a write in
 * read-only mode.
 */
public final class Registry {
    /** Largest page of models or versions one call may ask for. */
    public static final int MAX_PAGE = 1000;

    private final Tracking tracking;
    private final RegistryStore store;
    private final Clock clock;
    private final boolean readOnly;
    private final Auditor auditor;

    public Registry(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().registry();
        this.clock = tracking.clock();
        this.readOnly = tracking.readOnly();
        this.auditor = tracking.auditor();
    }

    // ---- models

    /** Registers a model; the owner defaults to the actor's name. ConflictException when the name is taken. */
    public RegisteredModel createModel(Actor actor, NewModel model) {
        checkWritable("model.create");
        RegistryRules.modelName(model.name());
        RegistryRules.description(model.description());
        RegistryRules.tags(model.tags());
        String owner = RegistryRules.optionalLine("owner", model.owner(), RegistryRules.MAX_NAME);
        RegisteredModel created = store.createModel(
                new NewModel(model.name(), model.description(), model.tags(), owner == null ? actor.name() : owner));
        auditor.record(actor, "model.create", target(created.name()), null);
        return created;
    }

    public RegisteredModel getModel(String name) {
        RegistryRules.modelName(name);
        return store.getModel(name).orElseThrow(() -> new NotFoundException(
                "no registered model named " + quote(name) + ": list_models shows the existing ones"));
    }

    /**
     * A page of models: {@code query.limit()} models from the position the page token names (null for the first page);
     * {@code query.offset()} is ignored. The page's next cursor is null on the last page. InvalidCursorException for a
     * token of another query or an expired one.
     */
    public Page<RegisteredModel> listModels(ModelQuery query, String pageToken) {
        checkLimit(query.limit());
        String fp = "models|" + query.name() + "|" + new TreeMap<>(query.tags()) + "|" + query.sort() + "|"
                + query.descending();
        return page(fp, pageToken, query.limit(), off -> store.listModels(query.page(query.limit() + 1, off)));
    }

    /** Models exactly as the query says, offset and limit included (for callers that page by offset). */
    public List<RegisteredModel> findModels(ModelQuery query) {
        checkLimit(query.limit() - 1);
        return store.listModels(query);
    }

    /** Models matching the query's filters. */
    public long countModels(ModelQuery query) {
        return store.countModels(query);
    }

    /** Changes the description and/or tags. */
    public RegisteredModel updateModel(Actor actor, String name, ModelPatch patch) {
        checkWritable("model.update");
        RegistryRules.modelName(name);
        RegistryRules.description(patch.description());
        RegistryRules.tags(patch.setTags());
        RegistryRules.tagKeys(patch.removeTags());
        getModel(name);
        RegisteredModel updated = store.updateModel(name, patch);
        auditor.record(actor, "model.update", target(name),
                changed(patch.description(), patch.setTags().keySet(), patch.removeTags()));
        return updated;
    }

    /** Renames a model; versions and aliases follow. ConflictException when the new name is taken. */
    public RegisteredModel renameModel(Actor actor, String name, String newName) {
        checkWritable("model.rename");
        RegistryRules.modelName(name);
        RegistryRules.modelName(newName);
        getModel(name);
        RegisteredModel renamed = store.renameModel(name, newName);
        auditor.record(actor, "model.rename", target(newName), "from " + name);
        return renamed;
    }

    /** Deletes a model with all its versions and aliases. */
    public void deleteModel(Actor actor, String name) {
        checkWritable("model.delete");
        RegisteredModel m = getModel(name);
        long versions = store.countVersions(VersionQuery.of(name, 1));
        store.deleteModel(name);
        auditor.record(actor, "model.delete", target(m.name()), versions + " versions");
    }

    // ---- versions

    /**
     * Creates the next version of a model. A given run must exist (lineage); without an explicit metrics snapshot the
     * last value of each of the run's metrics is recorded. createdBy defaults to the actor's name.
     */
    public ModelVersion createVersion(Actor actor, NewModelVersion v) {
        checkWritable("version.create");
        getModel(v.model());
        String source = RegistryRules.source(v.source());
        RegistryRules.description(v.description());
        RegistryRules.tags(v.tags());
        RegistryRules.metrics(v.metrics());
        if (v.statusMessage() != null) {
            RegistryRules.free("status message", v.statusMessage(), RegistryRules.MAX_DESCRIPTION);
        }
        String createdBy = RegistryRules.optionalLine("created_by", v.createdBy(), RegistryRules.MAX_NAME);
        Map<String, Double> metrics = v.metrics();
        if (v.runId() != null) {
            Run run = tracking.getRun(v.runId());
            if (metrics.isEmpty()) {
                metrics = snapshot(run.id());
            }
        }
        ModelVersion created = store.createVersion(new NewModelVersion(v.model(), source, v.runId(), v.description(),
                v.tags(), createdBy == null ? actor.name() : createdBy, v.status(), v.statusMessage(), metrics));
        auditor.record(actor, "version.create", target(created.model(), created.version()),
                v.runId() == null ? null : "run/" + v.runId());
        return created;
    }

    private Map<String, Double> snapshot(String runId) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricSummary s : tracking.store().metrics().summaries(runId)) {
            if (s.count() > 0 && out.size() < RegistryRules.MAX_METRICS) {
                out.put(s.key(), s.last());
            }
        }
        return out;
    }

    public ModelVersion getVersion(String model, int version) {
        RegistryRules.version(version);
        getModel(model);
        return store.getVersion(model, version).orElseThrow(() -> new NotFoundException(
                "model " + quote(model) + " has no version " + version + ": list_versions shows its versions"));
    }

    public ModelVersion getVersionById(String id) {
        RegistryRules.line("version id", id, 100);
        return store.getVersionById(id).orElseThrow(() -> new NotFoundException(
                "no model version with id " + quote(id) + ": list_versions shows version ids"));
    }

    /**
     * A page of versions (see {@link #listModels} for paging). A model that does not exist simply has no versions here
     * (as in MLflow's search); callers that want NotFound call {@link #getModel} first.
     */
    public Page<ModelVersion> listVersions(VersionQuery query, String pageToken) {
        checkLimit(query.limit());
        String fp = "versions|" + query.model() + "|" + query.runId() + "|" + new TreeMap<>(query.tags()) + "|"
                + query.stages().stream().map(Stage::name).sorted().toList();
        return page(fp, pageToken, query.limit(), off -> store.listVersions(query.page(query.limit() + 1, off)));
    }

    /** Versions exactly as the query says, offset and limit included (for callers that page by offset). */
    public List<ModelVersion> findVersions(VersionQuery query) {
        checkLimit(query.limit() - 1);
        return store.listVersions(query);
    }

    /** Versions matching the query's filters. */
    public long countVersions(VersionQuery query) {
        return store.countVersions(query);
    }

    /** Changes description, tags, status or status message of a version. */
    public ModelVersion updateVersion(Actor actor, String model, int version, VersionPatch patch) {
        checkWritable("version.update");
        RegistryRules.description(patch.description());
        RegistryRules.tags(patch.setTags());
        RegistryRules.tagKeys(patch.removeTags());
        if (patch.statusMessage() != null) {
            RegistryRules.free("status message", patch.statusMessage(), RegistryRules.MAX_DESCRIPTION);
        }
        getVersion(model, version);
        ModelVersion updated = store.updateVersion(model, version, patch);
        auditor.record(actor, "version.update", target(model, version),
                changed(patch.description(), patch.setTags().keySet(), patch.removeTags()));
        return updated;
    }

    /**
     * Moves a version to a stage; with {@code archiveExisting} the model's other versions in that stage are archived.
     * archiveExisting is only valid for Staging and Production (as in MLflow).
     */
    public ModelVersion transitionStage(Actor actor, String model, int version, Stage stage, boolean archiveExisting) {
        checkWritable("version.stage");
        if (stage == null) {
            throw new IllegalArgumentException("stage is required: one of None, Staging, Production, Archived");
        }
        if (archiveExisting && stage != Stage.STAGING && stage != Stage.PRODUCTION) {
            throw new IllegalArgumentException("archive_existing_versions works only for a transition to Staging or"
                    + " Production, not " + stage.wire());
        }
        ModelVersion before = getVersion(model, version);
        ModelVersion after = store.transitionStage(model, version, stage, archiveExisting);
        auditor.record(actor, "version.stage", target(model, version),
                before.stage().wire() + " -> " + stage.wire() + (archiveExisting ? " (archiving others)" : ""));
        return after;
    }

    /** Deletes a version and the aliases pointing at it; its number is never reused. */
    public void deleteVersion(Actor actor, String model, int version) {
        checkWritable("version.delete");
        getVersion(model, version);
        store.deleteVersion(model, version);
        auditor.record(actor, "version.delete", target(model, version), null);
    }

    /**
     * The newest version in each of the stages (every stage when none is given), in stage order; stages without a
     * version are left out.
     */
    public List<ModelVersion> latestVersions(String model, Collection<Stage> stages) {
        getModel(model);
        List<ModelVersion> out = new ArrayList<>();
        for (Stage s : Stage.all()) {
            if (stages.isEmpty() || stages.contains(s)) {
                VersionQuery q = new VersionQuery(NameFilter.equalTo(model), null, Set.of(s), null, 1, 0);
                out.addAll(store.listVersions(q));
            }
        }
        return out;
    }

    /** The highest-numbered version of a model, or of those in a stage when one is given. */
    public ModelVersion latestVersion(String model, Stage stage) {
        getModel(model);
        VersionQuery q = new VersionQuery(NameFilter.equalTo(model), null, stage == null ? Set.of() : Set.of(stage),
                null, 1, 0);
        return store.listVersions(q).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("model " + quote(model) + " has no versions"
                        + (stage == null ? "" : " in stage " + stage.wire()) + ": create_version registers one"));
    }

    /** The run a version came from, when it names one that still exists. */
    public Optional<Run> sourceRun(ModelVersion v) {
        return v.runId() == null ? Optional.empty() : tracking.store().runs().get(v.runId());
    }

    // ---- aliases

    /** Points an alias (e.g. champion) at a version, moving it from another version if needed. */
    public ModelVersion setAlias(Actor actor, String model, String alias, int version) {
        checkWritable("alias.set");
        RegistryRules.alias(alias);
        getVersion(model, version);
        store.setAlias(model, alias, version);
        auditor.record(actor, "alias.set", target(model), alias + " -> " + version);
        return getVersion(model, version);
    }

    /** Removes an alias; returns whether it existed (removing a missing alias is not an error, as in MLflow). */
    public boolean deleteAlias(Actor actor, String model, String alias) {
        checkWritable("alias.delete");
        RegistryRules.line("alias", alias, 255);
        getModel(model);
        boolean removed = store.deleteAlias(model, alias);
        if (removed) {
            auditor.record(actor, "alias.delete", target(model), alias);
        }
        return removed;
    }

    /** The version an alias points at; NotFoundException naming the model's aliases when it has no such alias. */
    public ModelVersion getByAlias(String model, String alias) {
        RegistryRules.line("alias", alias, 255);
        RegisteredModel m = getModel(model);
        Integer version = m.aliases().get(alias);
        if (version == null) {
            throw new NotFoundException("model " + quote(model) + " has no alias " + quote(alias) + ": its aliases are "
                    + (m.aliases().isEmpty() ? "none" : String.join(", ", m.aliases().keySet())));
        }
        return getVersion(model, version);
    }

    // ---- helpers

    private <T> Page<T> page(String fingerprint, String token, int limit, Function<Long, List<T>> fetch) {
        long now = clock.instant().getEpochSecond();
        long offset = Cursors.decode(token, fingerprint, now);
        List<T> items = fetch.apply(offset);
        boolean more = items.size() > limit;
        return new Page<>(more ? items.subList(0, limit) : items,
                more ? Cursors.encode(offset + limit, fingerprint, now) : null);
    }

    private static void checkLimit(int limit) {
        if (limit > MAX_PAGE) {
            throw new IllegalArgumentException("at most " + MAX_PAGE + " results per page, got " + limit);
        }
    }

    private static String changed(String description, Collection<String> set, Collection<String> removed) {
        List<String> parts = new ArrayList<>();
        if (description != null) {
            parts.add("description");
        }
        if (!set.isEmpty()) {
            parts.add("set tags " + String.join(",", set.stream().sorted().toList()));
        }
        if (!removed.isEmpty()) {
            parts.add("removed tags " + String.join(",", removed));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String target(String model) {
        return "model/" + model;
    }

    private static String target(String model, int version) {
        return "model/" + model + "/" + version;
    }

    private void checkWritable(String action) {
        if (readOnly) {
            throw new ReadOnlyException(action);
        }
    }
}

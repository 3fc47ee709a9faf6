package dev.observatory.server.mlflow;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MLflow's run and experiment semantics over Observatory's tracking service and the MLflow store: id lookups, the
 * default experiment, lifecycle checks, tags (see {@link RunTags}), names and string params.
 */
final class MlflowRuns {

    /** Most run ids remembered as active (writable) before the memory is cleared. */
    private static final int ACTIVE_CACHE = 100_000;

    final Tracking tracking;
    final MlflowStore store;
    /**
     * Runs seen active by this process, so that metric-only writes skip two reads. Cleared on every lifecycle change
     * made here; a run deleted by another process sharing a PostgreSQL store is noticed after a restart.
     */
    private final Set<String> active = ConcurrentHashMap.newKeySet();

    MlflowRuns(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().mlflow();
    }

    // ---- experiments

    /** The default experiment (id 0), creating its project on first use. */
    MlflowExperiment defaultExperiment() {
        return store.experimentById(0).orElseGet(() -> {
            if (tracking.store().projects().get(MlflowStore.DEFAULT_PROJECT).isEmpty()) {
                if (tracking.readOnly()) {
                    throw MlflowException.notFound("No Experiment with id=0 exists (the server is read-only)");
                }
                tracking.store().projects().getOrCreate(MlflowStore.DEFAULT_PROJECT);
            }
            return store.experiment(MlflowStore.DEFAULT_PROJECT);
        });
    }

    MlflowExperiment experiment(String idText) {
        long id;
        try {
            id = Long.parseLong(idText.trim());
        } catch (NumberFormatException e) {
            throw MlflowException.notFound("No Experiment with id=" + idText + " exists");
        }
        if (id == 0) {
            return defaultExperiment();
        }
        return store.experimentById(id)
                .orElseThrow(() -> MlflowException.notFound("No Experiment with id=" + idText + " exists"));
    }

    MlflowExperiment experimentOf(Run r) {
        return store.experiment(r.project());
    }

    // ---- runs

    Run run(String id) {
        try {
            return tracking.getRun(id);
        } catch (NotFoundException e) {
            throw MlflowException.notFound("Run with id=" + id + " not found");
        }
    }

    boolean deleted(Run r, MlflowExperiment e) {
        return e.deleted() || r.tags().contains(RunTags.DELETED_LABEL);
    }

    /** A run that may be written to: MLflow refuses writes to deleted runs (and runs of deleted experiments). */
    Run activeRun(String id) {
        Run r = run(id);
        if (r.tags().contains(RunTags.DELETED_LABEL) || experimentOf(r).deleted()) {
            active.remove(id);
            throw MlflowException
                    .invalid("The run " + id + " must be in the 'active' state. Current state is deleted.");
        }
        if (active.size() >= ACTIVE_CACHE) {
            active.clear();
        }
        active.add(id);
        return r;
    }

    /** Checks a run for a metric-only write, from memory when this process has seen it active. */
    void requireActive(String id) {
        if (!active.contains(id)) {
            activeRun(id);
        }
    }

    /** Forgets what is known about active runs (after a delete or restore). */
    void lifecycleChanged() {
        active.clear();
    }

    Run create(Actor actor, MlflowExperiment e, String user, String name, Long startMs, Map<String, String> tags) {
        if (e.deleted()) {
            throw MlflowException.invalid(
                    "The experiment " + e.id() + " must be in the 'active' state." + " Current state is deleted.");
        }
        tags.forEach(MlflowLimits::checkTag);
        String wanted = name != null && !name.isBlank() ? name : tags.get(RunTags.RUN_NAME);
        String who = user != null && !user.isBlank() ? user : tags.get(RunTags.USER);
        Map<String, String> rest = new LinkedHashMap<>(tags);
        rest.remove(RunTags.RUN_NAME);
        rest.remove(RunTags.USER);
        RunTags.Plan plan = RunTags.plan(List.of(), List.of(), rest, List.of());
        Instant started = startMs == null || startMs <= 0 ? null : Instant.ofEpochMilli(startMs);
        Run r;
        String nameTag = null;
        try {
            r = tracking.createRun(actor, new NewRun(e.project(), wanted, RunStatus.RUNNING, who,
                    plan.labelsChanged() ? plan.labels() : List.of(), Map.of(), null, started, null, null));
        } catch (ConflictException taken) {
            // MLflow allows equal run names in an experiment; Observatory keeps them unique: suffix, keep the tag
            nameTag = wanted;
            r = tracking.createRun(actor, new NewRun(e.project(), uniqueName(wanted), RunStatus.RUNNING, who,
                    plan.labelsChanged() ? plan.labels() : List.of(), Map.of(), null, started, null, null));
        }
        Map<String, String> side = new HashMap<>(plan.sideSet());
        if (nameTag != null) {
            side.put(RunTags.RUN_NAME, nameTag);
        }
        if (!side.isEmpty()) {
            store.updateRunTags(r.id(), side, List.of());
        }
        return r;
    }

    private static String uniqueName(String name) {
        String base = name.length() > 240 ? name.substring(0, 240) : name;
        return base + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
    }

    /** The MLflow run name: a kept {@code mlflow.runName} side tag, else the Observatory name. */
    static String runName(Run r, Map<String, String> side) {
        return side.getOrDefault(RunTags.RUN_NAME, r.name());
    }

    /** The MLflow tags of a run, with mlflow.runName and mlflow.user filled in from the run. */
    static Map<String, String> tagView(Run r, Map<String, String> side) {
        Map<String, String> tags = RunTags.view(r.tags(), side);
        tags.putIfAbsent(RunTags.RUN_NAME, r.name());
        if (r.user() != null) {
            tags.putIfAbsent(RunTags.USER, r.user());
        }
        return tags;
    }

    /** Sets and removes tags; mlflow.runName renames the run (mlflow.user is kept as a side tag). */
    void setTags(Actor actor, Run r, Map<String, String> set, Collection<String> remove) {
        Map<String, String> rest = new LinkedHashMap<>(set);
        String newName = rest.remove(RunTags.RUN_NAME);
        Map<String, String> side = store.runTags(r.id());
        if (newName != null) {
            rename(actor, r, newName, side);
            r = run(r.id());
        }
        RunTags.Plan plan = RunTags.plan(r.tags(), side.keySet(), rest, remove);
        if (plan.labelsChanged()) {
            tracking.updateRun(actor, r.id(), new RunPatch(null, null, plan.labels(), null, null, null, null));
        }
        if (plan.sideChanged()) {
            store.updateRunTags(r.id(), plan.sideSet(), plan.sideRemove());
        }
    }

    void rename(Actor actor, Run r, String name, Map<String, String> side) {
        if (name.isBlank()) {
            throw MlflowException.invalid("run name must not be empty");
        }
        if (name.equals(runName(r, side))) {
            return;
        }
        try {
            tracking.updateRun(actor, r.id(), new RunPatch(name, null, null, null, null, null, null));
            if (side.containsKey(RunTags.RUN_NAME)) {
                store.updateRunTags(r.id(), Map.of(), List.of(RunTags.RUN_NAME));
            }
        } catch (ConflictException taken) {
            tracking.updateRun(actor, r.id(), new RunPatch(uniqueName(name), null, null, null, null, null, null));
            store.updateRunTags(r.id(), Map.of(RunTags.RUN_NAME, name), List.of());
        }
    }

    void setDeleted(Actor actor, Run r, boolean deleted) {
        lifecycleChanged();
        List<String> labels = RunTags.markDeleted(r.tags(), deleted);
        if (labels != null) {
            tracking.updateRun(actor, r.id(), new RunPatch(null, null, labels, null, null, null, null));
        }
    }

    // ---- params

    /** Params as MLflow strings: nested maps flattened with '.', other values as their text. */
    static Map<String, String> params(Run r) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", r.params(), out);
        return out;
    }

    private static void flatten(String prefix, Map<String, Object> params, Map<String, String> out) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                flatten(prefix + e.getKey() + ".", nested, out);
            } else {
                out.put(prefix + e.getKey(), paramText(v));
            }
        }
    }

    static String paramText(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return MlflowJson.MAPPER.writeValueAsString(v);
        }
        return String.valueOf(v);
    }

    /**
     * Checks params against what the run has (MLflow refuses changing a logged value) and returns those not logged yet.
     */
    static Map<String, String> newParams(Run r, Map<String, String> params) {
        Map<String, String> existing = params(r);
        Map<String, String> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            MlflowLimits.checkParam(p.getKey(), p.getValue());
            String old = existing.get(p.getKey());
            if (old == null) {
                fresh.put(p.getKey(), p.getValue());
            } else if (!old.equals(p.getValue())) {
                throw MlflowException.invalid("Changing param values is not allowed. Param with key='" + p.getKey()
                        + "' was already logged with value='" + old + "' for run ID='" + r.id()
                        + "'. Attempted logging new value '" + p.getValue() + "'.");
            }
        }
        return fresh;
    }

    void logParams(Actor actor, Run r, Map<String, String> fresh) {
        if (!fresh.isEmpty()) {
            tracking.updateRun(actor, r.id(),
                    new RunPatch(null, null, null, new LinkedHashMap<>(fresh), null, null, null));
        }
    }
}

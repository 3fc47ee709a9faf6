package dev.observatory.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What MLflow's tracking API needs beyond projects and runs: numeric experiment ids with a lifecycle and tags for
 * projects, MLflow's key/value run tags (which may be longer and more numerous than Observatory's run labels) and the
 * dataset inputs logged for a run. Every project is an experiment: it gets the next id the first time MLflow asks for
 * it; the project named {@value #DEFAULT_PROJECT} gets id 0. Unknown projects and runs are NotFoundException.
 */
public interface MlflowStore {

    /** The project behind MLflow's default experiment (id 0). */
    String DEFAULT_PROJECT = "Default";

    /** The experiment of a project, giving it the next free id when it has none yet. */
    MlflowExperiment experiment(String project);

    /** The experiment with this id, if a project has it. */
    Optional<MlflowExperiment> experimentById(long id);

    /** The experiments of every project (ids given to those that lack one), ordered by id. */
    List<MlflowExperiment> experiments();

    /** Sets the lifecycle (deleted or active) and the update time. */
    MlflowExperiment setDeleted(long id, boolean deleted);

    /**
     * Renames the experiment's project; its runs move with it. ConflictException when a project has the new name,
     * IllegalArgumentException when it is blank.
     */
    MlflowExperiment rename(long id, String newName);

    /** Sets (or replaces) one experiment tag. */
    MlflowExperiment setTag(long id, String key, String value);

    /** The MLflow tags of a run, ordered by key; empty for a run without any. */
    Map<String, String> runTags(String runId);

    /** The MLflow tags of many runs at once: runId -> key -> value (runs without tags are absent). */
    Map<String, Map<String, String>> runTags(Collection<String> runIds);

    /** Sets and removes MLflow tags of a run in one durable write. */
    void updateRunTags(String runId, Map<String, String> set, Collection<String> remove);

    /**
     * Records dataset inputs of a run: {@code key} identifies an input (MLflow: dataset name and digest), {@code body}
     * is its JSON as sent. An input already recorded under the same key is replaced.
     */
    void addInputs(String runId, Map<String, String> inputs);

    /** The inputs of a run in the order they were first recorded: key -> JSON body. */
    Map<String, String> inputs(String runId);

    /**
     * One page of a run search read in as few statements as the backend can (DuckDB: the runs query, plus one for the
     * metrics and tags its caches lack); empty where the backend has no such read, and the caller then reads the page
     * with {@link RunStore#list}, {@link MetricStore#summaries(Collection, Collection)} and
     * {@link #runTags(Collection)}. The runs are those {@code RunStore.list} answers for {@code query}'s filters and
     * order, less those carrying the label {@code excludedTag} (null: none left out), from {@code offset} on, at most
     * {@code limit} (1..50,001; {@code query}'s own offset and limit are not used); metrics read their writes as the
     * summaries do.
     */
    default Optional<List<MlflowSearchRow>> searchPage(RunQuery query, String excludedTag, long offset, int limit) {
        return Optional.empty();
    }
}

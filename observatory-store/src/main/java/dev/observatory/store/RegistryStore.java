package dev.observatory.store;

import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import java.util.List;
import java.util.Optional;

/**
 * The model registry: registered models (unique names), their numbered versions and aliases. Times are kept at
 * millisecond precision (MLflow's). Every change of a version, tag or alias also updates its model's {@code updatedAt}.
 * Input is validated by the caller (core); the store enforces existence (NotFoundException) and uniqueness
 * (ConflictException) only. Lineage to runs is checked by the caller: the store does not look at runs.
 */
public interface RegistryStore {

    /** Registers a model; ConflictException when the name is taken. */
    RegisteredModel createModel(NewModel model);

    Optional<RegisteredModel> getModel(String name);

    /** A page of models matching the query, in its order. */
    List<RegisteredModel> listModels(ModelQuery query);

    /** Models matching the query's filters (ignores sort, limit and offset). */
    long countModels(ModelQuery query);

    /** Applies the patch; NotFoundException for an unknown model. */
    RegisteredModel updateModel(String name, ModelPatch patch);

    /**
     * Renames a model; its versions, tags and aliases follow. NotFoundException for an unknown model, ConflictException
     * when the new name is taken.
     */
    RegisteredModel renameModel(String name, String newName);

    /** Deletes a model with every version, tag and alias; NotFoundException for an unknown model. */
    void deleteModel(String name);

    /**
     * Creates the next version of a model (1 + the highest number ever assigned in it) with a new id, stage None and
     * status READY unless given. NotFoundException for an unknown model.
     */
    ModelVersion createVersion(NewModelVersion version);

    Optional<ModelVersion> getVersion(String model, int version);

    Optional<ModelVersion> getVersionById(String id);

    /** A page of versions matching the query: by model name, then version number descending. */
    List<ModelVersion> listVersions(VersionQuery query);

    /** Versions matching the query's filters (ignores limit and offset). */
    long countVersions(VersionQuery query);

    /** Applies the patch; NotFoundException for an unknown model or version. */
    ModelVersion updateVersion(String model, int version, VersionPatch patch);

    /**
     * Moves a version to a stage. With {@code archiveExisting}, every other version of the model in that stage moves to
     * Archived in the same transaction. NotFoundException for an unknown model or version.
     */
    ModelVersion transitionStage(String model, int version, Stage stage, boolean archiveExisting);

    /** Deletes a version and the aliases pointing at it; NotFoundException for an unknown model or version. */
    void deleteVersion(String model, int version);

    /**
     * Points an alias of the model at a version, moving it when it pointed elsewhere. NotFoundException for an unknown
     * model or version.
     */
    void setAlias(String model, String alias, int version);

    /** Removes an alias; returns whether it existed. NotFoundException for an unknown model. */
    boolean deleteAlias(String model, String alias);
}

package dev.observatory.store;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import java.util.List;
import java.util.Optional;

/**
 * Deployments of model versions to a runtime on this host. Input is validated by the caller (core). Times are kept at
 * millisecond precision; argv and env are kept as given (views redact secrets).
 */
public interface DeploymentStore {

    /** Records a new deployment; ConflictException when its id exists. */
    Deployment create(Deployment deployment);

    Optional<Deployment> get(String id);

    /** Deployments matching the query, newest first (creation time, then id). */
    List<Deployment> list(DeploymentQuery query);

    /** Deployments matching the query's filters (ignores limit and offset). */
    long count(DeploymentQuery query);

    /** Replaces the stored deployment of the same id (every field but id, created_by and created_at). */
    Deployment update(Deployment deployment);
}

package dev.observatory.store;

import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import java.util.List;
import java.util.Optional;

/** Builds of serving images and packages. Input is validated by the caller (core). Times at millisecond precision. */
public interface BuildStore {

    /** Records a new build; ConflictException when its id exists. */
    Build create(Build build);

    Optional<Build> get(String id);

    /** Builds matching the query, newest first (creation time, then id). */
    List<Build> list(BuildQuery query);

    /** Builds matching the query's filters (ignores limit and offset). */
    long count(BuildQuery query);

    /** Replaces the stored build of the same id (every field but id, created_by and created_at). */
    Build update(Build build);
}

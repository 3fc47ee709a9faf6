package dev.observatory.store;

import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.NewDataset;
import java.util.List;
import java.util.Optional;

/**
 * Registered datasets, one per unique name. Input is validated by the caller (core). Times are kept at millisecond
 * precision.
 */
public interface DatasetStore {

    /** Registers a dataset; ConflictException when the name is taken. */
    Dataset register(NewDataset dataset);

    Optional<Dataset> get(String name);

    /** A page of datasets ordered by name (code point order). */
    List<Dataset> list(int limit, long offset);

    long count();
}

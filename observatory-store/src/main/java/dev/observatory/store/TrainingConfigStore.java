package dev.observatory.store;

import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import java.util.List;
import java.util.Optional;

/**
 * Versioned training configurations, append-only: saving a name again adds the next version and never changes an
 * earlier one. Input is validated by the caller (core). Times are kept at millisecond precision.
 */
public interface TrainingConfigStore {

    /** Saves the config as version 1 of a new name, or as the latest version + 1 of an existing one. */
    TrainingConfig save(NewTrainingConfig config);

    /** One version of a name. */
    Optional<TrainingConfig> get(String name, int version);

    /** The highest version of a name. */
    Optional<TrainingConfig> latest(String name);

    /** Every version of a name, oldest first. */
    List<TrainingConfig> versions(String name);

    /**
     * A page of the latest version of every name (or of the names of one template when {@code template} is not null),
     * ordered by name (code point order).
     */
    List<TrainingConfig> list(String template, int limit, long offset);

    /** How many names {@link #list} pages over. */
    long count(String template);
}

package dev.observatory.model.registry;

import java.util.Map;

/**
 * Which registered models to list and in which order.
 *
 * @param name
 *            condition on the model name; null for any
 * @param tags
 *            every tag must be present with exactly this value
 * @param sort
 *            order of the models; ties (and NAME itself) are broken by name
 * @param limit
 *            most models to return (>= 1)
 * @param offset
 *            models to skip (>= 0)
 */
public record ModelQuery(NameFilter name, Map<String, String> tags, Sort sort, boolean descending, int limit,
        long offset) {

    /** Sort keys of model lists. */
    public enum Sort {
        NAME, CREATED, UPDATED
    }

    public ModelQuery {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        sort = sort == null ? Sort.NAME : sort;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Every model (up to limit) by name. */
    public static ModelQuery all(int limit) {
        return new ModelQuery(null, null, Sort.NAME, false, limit, 0);
    }

    public ModelQuery page(int newLimit, long newOffset) {
        return new ModelQuery(name, tags, sort, descending, newLimit, newOffset);
    }
}

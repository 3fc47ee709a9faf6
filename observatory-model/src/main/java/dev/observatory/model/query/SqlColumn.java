package dev.observatory.model.query;

/**
 * One column of a queryable table or of a query result.
 *
 * @param name
 *            column name as the database spells it
 * @param type
 *            the database's type name, e.g. {@code VARCHAR}, {@code BIGINT}, {@code timestamptz}
 */
public record SqlColumn(String name, String type) {
}

package dev.observatory.core.query;

import java.util.List;

/**
 * What a SQL query may read and how: the queryable tables with their columns and meanings, example queries that run on
 * this backend, the limits and the sandbox.
 */
public record SchemaDescription(String backend, String sandbox, int defaultMaxRows, int maxRows, long timeoutMillis,
        List<Table> tables, List<Example> examples, List<String> rules) {

    public SchemaDescription {
        tables = List.copyOf(tables);
        examples = List.copyOf(examples);
        rules = List.copyOf(rules);
    }

    /** One table; {@code meaning} is empty when the resource file has none. */
    public record Table(String name, String meaning, List<Column> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** One column with its database type. */
    public record Column(String name, String type, String meaning) {
    }

    /** A question and the SQL that answers it here. */
    public record Example(String question, String sql) {
    }
}

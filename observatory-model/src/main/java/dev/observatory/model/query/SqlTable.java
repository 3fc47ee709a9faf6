package dev.observatory.model.query;

import java.util.List;

/** A table a SQL query may read, with its columns in catalog order. */
public record SqlTable(String name, List<SqlColumn> columns) {

    public SqlTable {
        columns = List.copyOf(columns);
    }
}

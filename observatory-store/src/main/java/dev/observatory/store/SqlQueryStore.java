package dev.observatory.store;

import dev.observatory.model.query.SqlQuery;
import dev.observatory.model.query.SqlResult;
import dev.observatory.model.query.SqlTable;
import java.util.List;

/**
 * Read-only SQL over the tracking tables (the {@code query} toolset). Only the tables of {@link #tables()} may be read;
 * a query is one SELECT (or WITH ... SELECT) statement, checked before it runs, executed with file access, extension
 * loading and configuration changes disabled (DuckDB) or in a read-only transaction under a read-only role
 * (PostgreSQL), cut at the query's row limit and cancelled at its time limit.
 * <p>
 * Errors: IllegalArgumentException for SQL that is refused or fails (the message names the reason: "only one SELECT
 * statement is allowed", "file access is disabled", a timeout, the database's own error), StoreException for
 * infrastructure failure. A failed or cancelled query leaves the store usable.
 */
public interface SqlQueryStore {

    /** The queryable tables with their columns, read from the live catalog, by name. */
    List<SqlTable> tables();

    /** Runs one read-only query. */
    SqlResult query(SqlQuery query);

    /** How this backend sandboxes queries, in one sentence (shown by describe_schema). */
    String sandbox();
}

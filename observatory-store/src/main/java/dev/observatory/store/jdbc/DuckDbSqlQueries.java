package dev.observatory.store.jdbc;

import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlQuery;
import dev.observatory.model.query.SqlResult;
import dev.observatory.model.query.SqlTable;
import dev.observatory.store.SqlQueryStore;
import dev.observatory.store.StoreException;
import dev.observatory.store.internal.QueryableTables;
import dev.observatory.store.internal.SqlGuard;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;

/**
 * SQL queries on DuckDB: checked by {@link SqlGuard}, run in a READ ONLY transaction (always rolled back) on up to
 * {@link #CONNECTIONS} connections of their own (duplicated from the store's root, so they see every commit; a heavy
 * query never takes a read connection of the store) in an instance locked down by {@link DuckDbSandbox}. A query that
 * outlives its limit is interrupted and the connection is used again.
 */
final class DuckDbSqlQueries implements SqlQueryStore {

    static final int CONNECTIONS = 2;

    private final DuckDbConnections db;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final List<Connection> all = new ArrayList<>();
    private volatile SqlGuard guard;

    /** Waits until every acknowledged metric batch is applied (decision 0018), so a query sees what was logged. */
    private final Runnable metricBarrier;

    DuckDbSqlQueries(DuckDbConnections db, Runnable metricBarrier) {
        this.db = db;
        this.metricBarrier = metricBarrier;
    }

    @Override
    public String sandbox() {
        return "DuckDB with external access disabled (no files, network, ATTACH or extensions) and its configuration"
                + " locked; one SELECT per query, in a read-only transaction, run as a subquery with a row limit and"
                + " cancelled at the time limit";
    }

    @Override
    public List<SqlTable> tables() {
        return db.read(c -> {
            Map<String, List<SqlColumn>> byTable = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type FROM"
                            + " information_schema.columns WHERE table_schema = 'main' AND table_catalog ="
                            + " current_database() ORDER BY table_name, ordinal_position")) {
                while (rs.next()) {
                    String table = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (QueryableTables.NAMES.contains(table)) {
                        byTable.computeIfAbsent(table, t -> new ArrayList<>())
                                .add(new SqlColumn(rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return byTable.entrySet().stream().map(e -> new SqlTable(e.getKey(), e.getValue())).toList();
        });
    }

    @Override
    public SqlResult query(SqlQuery query) {
        metricBarrier.run();
        String statement = guard().check(query.sql());
        Connection c = borrow(query);
        try {
            beginReadOnly(c);
            try {
                return JdbcSqlRunner.run(c, statement, query.maxRows(), query.timeout(), DuckDbSqlErrors.INSTANCE);
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            throw new StoreException("DuckDB query failed: " + e.getMessage(), e);
        } finally {
            idle.add(c);
        }
    }

    /** A read-only transaction (DuckDB refuses any write in it); one left open by a failed rollback is ended first. */
    private static void beginReadOnly(Connection c) throws SQLException {
        try {
            DuckDbSql.exec(c, "BEGIN TRANSACTION READ ONLY");
        } catch (SQLException e) {
            rollbackQuietly(c);
            DuckDbSql.exec(c, "BEGIN TRANSACTION READ ONLY");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            DuckDbSql.exec(c, "ROLLBACK");
        } catch (SQLException e) {
            // no transaction left to end (an interrupted query may have ended it)
        }
    }

    private SqlGuard guard() {
        SqlGuard g = guard;
        if (g == null) {
            List<String> tables = db.read(c -> DuckDbSql.list(c,
                    "SELECT lower(table_name) FROM duckdb_tables() WHERE database_name = current_database()"
                            + " UNION SELECT lower(view_name) FROM duckdb_views() WHERE NOT internal"
                            + " AND database_name = current_database()",
                    rs -> rs.getString(1)));
            Set<String> names = new TreeSet<>(tables);
            g = new SqlGuard(QueryableTables.hidden(names));
            guard = g;
        }
        return g;
    }

    private Connection borrow(SqlQuery query) {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (all.size() < CONNECTIONS) {
                try {
                    DuckDBConnection fresh = db.duplicate();
                    all.add(fresh);
                    return fresh;
                } catch (SQLException e) {
                    throw new StoreException("cannot open a DuckDB connection for SQL: " + e.getMessage(), e);
                }
            }
        }
        try {
            c = idle.poll(query.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a SQL connection", e);
        }
        if (c == null) {
            throw new IllegalArgumentException(CONNECTIONS + " SQL queries are already running and none finished within"
                    + " the time limit; try again later");
        }
        return c;
    }

    synchronized void close() {
        all.forEach(DuckDbConnections::closeQuietly);
        all.clear();
        idle.clear();
    }

    /** DuckDB's error messages: "Permission Error" for the sandbox, "INTERRUPT Error" for a cancelled query. */
    enum DuckDbSqlErrors implements JdbcSqlRunner.SqlErrors {
        INSTANCE;

        @Override
        public boolean isTimeout(SQLException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("INTERRUPT") || m.contains("Interrupted");
        }

        @Override
        public RuntimeException translate(SQLException e) {
            String line = JdbcSqlRunner.firstLine(e);
            if (line.contains("Permission Error") || line.contains("external access")
                    || line.contains("disabled by configuration")) {
                return new IllegalArgumentException("file access is disabled: " + line, e);
            }
            if (line.contains("Connection Error") || line.contains("connection closed")) {
                return new StoreException("DuckDB query failed: " + line, e);
            }
            return new IllegalArgumentException("the query failed: " + line, e);
        }
    }
}

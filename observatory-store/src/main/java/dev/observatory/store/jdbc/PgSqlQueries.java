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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL queries on PostgreSQL: checked by {@link SqlGuard}, run in a READ ONLY transaction that is always rolled back,
 * with {@code statement_timeout} set for the transaction and, where the database user may create roles, under the role
 * {@value #ROLE} that may only read the queryable tables of the storage's schema. Without that right, queries still run
 * read-only; {@link #sandbox()} says which protection is in force.
 */
final class PgSqlQueries implements SqlQueryStore {

    /** The read-only role queries run as (NOLOGIN; SELECT on the queryable tables only). */
    static final String ROLE = "observatory_query";
    private static final Logger LOG = LoggerFactory.getLogger(PgSqlQueries.class);

    private final DataSource dataSource;
    private volatile SqlGuard guard;
    private volatile boolean roleReady;
    private volatile String roleProblem;

    PgSqlQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String sandbox() {
        guard();
        return "PostgreSQL read-only transaction (always rolled back) with statement_timeout"
                + (roleReady ? " under the role " + ROLE + ", which may only SELECT the queryable tables"
                        : "; no read-only role (" + roleProblem + ")")
                + "; one SELECT per query, run as a subquery with a row limit";
    }

    @Override
    public List<SqlTable> tables() {
        Map<String, List<SqlColumn>> byTable = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type FROM"
                        + " information_schema.columns WHERE table_schema = current_schema()"
                        + " ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                String table = rs.getString(1).toLowerCase(Locale.ROOT);
                if (QueryableTables.NAMES.contains(table)) {
                    byTable.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(new SqlColumn(rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the PostgreSQL catalog failed: " + e.getMessage(), e);
        }
        return byTable.entrySet().stream().map(e -> new SqlTable(e.getKey(), e.getValue())).toList();
    }

    @Override
    public SqlResult query(SqlQuery query) {
        String statement = guard().check(query.sql());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                    st.execute("SET LOCAL statement_timeout = " + query.timeout().toMillis());
                    st.execute("SET LOCAL standard_conforming_strings = on");
                    if (roleReady) {
                        st.execute("SET LOCAL ROLE " + ROLE);
                    }
                }
                return JdbcSqlRunner.run(c, statement, query.maxRows(), query.timeout(), PgSqlErrors.INSTANCE);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL query failed: " + e.getMessage(), e);
        }
    }

    private SqlGuard guard() {
        SqlGuard g = guard;
        if (g != null) {
            return g;
        }
        synchronized (this) {
            if (guard == null) {
                try (Connection c = dataSource.getConnection()) {
                    Set<String> names = new TreeSet<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT lower(table_name) FROM information_schema.tables"
                                    + " WHERE table_schema = current_schema()")) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                    setUpRole(c, names);
                    guard = new SqlGuard(QueryableTables.hidden(names));
                } catch (SQLException e) {
                    throw new StoreException("reading the PostgreSQL catalog failed: " + e.getMessage(), e);
                }
            }
            return guard;
        }
    }

    /** Creates the role when absent and grants it SELECT on the queryable tables; remembers why when it cannot. */
    private void setUpRole(Connection c, Set<String> tables) {
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " NOLOGIN; EXCEPTION WHEN duplicate_object"
                    + " OR unique_violation THEN NULL; END $$");
            st.execute("GRANT USAGE ON SCHEMA " + quote(currentSchema(st)) + " TO " + ROLE);
            for (String t : tables) {
                if (QueryableTables.NAMES.contains(t)) {
                    st.execute("GRANT SELECT ON TABLE " + quote(t) + " TO " + ROLE);
                }
            }
            st.execute("DO $$ BEGIN IF NOT pg_has_role(current_user, '" + ROLE + "', 'MEMBER') THEN EXECUTE"
                    + " 'GRANT " + ROLE + " TO ' || quote_ident(current_user); END IF; END $$");
            c.setAutoCommit(false);
            st.execute("SET LOCAL ROLE " + ROLE);
            c.rollback();
            roleReady = true;
        } catch (SQLException e) {
            roleProblem = "cannot set up role " + ROLE + ": " + JdbcSqlRunner.firstLine(e);
            LOG.info("SQL queries run in read-only transactions without a read-only role: {}", roleProblem);
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection goes back to the pool either way
            }
        }
    }

    private static String currentSchema(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** PostgreSQL's SQLSTATEs: 57014 query_canceled (statement_timeout), 25006 read-only, 42501 no privilege. */
    enum PgSqlErrors implements JdbcSqlRunner.SqlErrors {
        INSTANCE;

        @Override
        public boolean isTimeout(SQLException e) {
            return "57014".equals(e.getSQLState());
        }

        @Override
        public RuntimeException translate(SQLException e) {
            String state = String.valueOf(e.getSQLState());
            String line = JdbcSqlRunner.firstLine(e);
            if (state.startsWith("08")) {
                return new StoreException("PostgreSQL query failed: " + line, e);
            }
            if (state.equals("25006")) {
                return new IllegalArgumentException("the query is read-only: " + line, e);
            }
            if (state.equals("42501")) {
                return new IllegalArgumentException(
                        "permission denied (only the tables of describe_schema may be" + " read): " + line, e);
            }
            return new IllegalArgumentException("the query failed: " + line, e);
        }
    }
}

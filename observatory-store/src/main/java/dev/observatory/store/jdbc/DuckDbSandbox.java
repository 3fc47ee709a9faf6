package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Locks a DuckDB database instance down for untrusted SQL: {@code enable_external_access = false} (no file, network or
 * extension access: read_csv, COPY, ATTACH of a file, INSTALL/LOAD are refused) and then
 * {@code lock_configuration = true} (no setting can change again). Both are settings of the whole instance, not of one
 * connection (measured, see docs/decisions/0017-sql-query-sandbox.md): every connection duplicated from the store's
 * root connection shares them. The store itself needs neither after its migrations ran (its database and WAL files and
 * its temp directory stay reachable), so the store locks its instance down when it opens: a later feature that needs
 * DuckDB to read files or change a setting must do so before {@link #lockDown}.
 */
final class DuckDbSandbox {

    private DuckDbSandbox() {
    }

    /** Locks the instance down; an instance already locked (the JDBC driver shares one per file) stays as it is. */
    static void lockDown(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('lock_configuration')")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
            st.execute("SET enable_external_access = false");
            st.execute("SET lock_configuration = true");
        }
    }
}

package dev.observatory.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * How a unit of work runs on a JDBC backend, for the stores shared by DuckDB and PostgreSQL (artifacts, lineage):
 * DuckDB writes on the single writer thread and reads on pooled connections; PostgreSQL runs a transaction per call.
 */
abstract class JdbcTx {

    /** Work on a connection inside the backend's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a write in one transaction, committed before it returns. */
    abstract <T> T write(Work<T> work);

    abstract <T> T read(Work<T> work);

    /** Current time in epoch milliseconds. */
    abstract long nowMs();

    /** Whether the database is PostgreSQL (else DuckDB). */
    abstract boolean postgres();

    /** SQL of a text column sorted by code point (Java's String order). */
    String byCodePoint(String column) {
        return postgres() ? column + " COLLATE \"C\"" : column;
    }

    static JdbcTx duckDb(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        return new JdbcTx() {
            @Override
            <T> T write(Work<T> work) {
                return writer.write(work::run);
            }

            @Override
            <T> T read(Work<T> work) {
                return db.read(work::run);
            }

            @Override
            long nowMs() {
                return clock.millis();
            }

            @Override
            boolean postgres() {
                return false;
            }
        };
    }

    static JdbcTx postgres(PgDb db, String what) {
        return new JdbcTx() {
            @Override
            <T> T write(Work<T> work) {
                return db.tx(what + " write", work::run);
            }

            @Override
            <T> T read(Work<T> work) {
                return db.tx(what + " read", work::run);
            }

            @Override
            long nowMs() {
                return db.now().toEpochMilli();
            }

            @Override
            boolean postgres() {
                return true;
            }
        };
    }
}

package dev.observatory.store.jdbc;

import dev.observatory.store.ConflictException;
import dev.observatory.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Connection and transaction handling shared by the PostgreSQL stores: every unit of work runs in one transaction that
 * is committed before the method returns (so writes are durable on return), and SQL errors become
 * {@link StoreException}s, with unique violations as {@link ConflictException}s when the caller names one.
 */
final class PgDb {

    /** SQLSTATE of a unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Clock clock;

    PgDb(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Runs the work in a transaction and commits; rolls back and rethrows on any failure. */
    <T> T tx(String what, Work<T> work) {
        return tx(what, null, work);
    }

    /**
     * Like {@link #tx(String, Work)}; a unique violation becomes a ConflictException with the given message when it is
     * not null.
     */
    <T> T tx(String what, String conflictMessage, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            if (conflictMessage != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ConflictException(conflictMessage);
            }
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read-only work in one REPEATABLE READ transaction, so that several queries (chunk stats, then chunk
     * contents) see one snapshot even while appends commit.
     */
    <T> T snapshot(String what, Work<T> work) {
        return tx(what, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return work.run(c);
        });
    }

    /** Current time at the precision PostgreSQL keeps (microseconds), so values round-trip exactly. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant truncated to microseconds, PostgreSQL's precision (null stays null). */
    static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds an instant (or SQL NULL) to a timestamptz parameter, independent of the JVM's time zone. */
    static void setInstant(PreparedStatement ps, int index, Instant i) throws SQLException {
        ps.setObject(index, i == null ? null : OffsetDateTime.ofInstant(micros(i), ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** Reads a timestamptz column as an instant (null for SQL NULL). */
    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

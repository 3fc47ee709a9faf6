package dev.observatory.store.tests;

import dev.observatory.store.jdbc.PostgresStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from Maven Central's embedded binaries (io.zonky.test), started once per test class. Each
 * storage it hands out lives in its own new schema, so every test starts from an empty, freshly migrated database
 * without paying for a CREATE DATABASE.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final AtomicInteger schemas = new AtomicInteger();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Creates an empty schema and returns its name. */
    String newSchema() {
        String schema = "t_" + schemas.incrementAndGet();
        try (Connection c = admin().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return schema;
    }

    /** A JDBC URL whose connections work in the given schema. */
    String jdbcUrl(String schema) {
        return postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    /** A storage over a new empty schema. */
    PostgresStorage newStorage() {
        return open(newSchema());
    }

    /** A storage over the given schema (migrated on first open). */
    PostgresStorage open(String schema) {
        return PostgresStorage.open(jdbcUrl(schema), "postgres", "");
    }

    /** The server's own database, for checks the storage API does not offer. */
    DataSource admin() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

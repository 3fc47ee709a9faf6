package dev.observatory.store.tests;

import dev.observatory.store.StorageComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract against a real PostgreSQL (embedded binaries), a fresh schema per test. */
class PostgresStorageTest extends StorageContract {

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startPostgres() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        server.close();
    }

    @Override
    protected StorageComponent newStorage() {
        return server.newStorage();
    }
}

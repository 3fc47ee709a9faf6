package dev.observatory.store.tests;

import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStorageTest extends StorageContract {

    @TempDir
    Path dir;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    protected StorageComponent newStorage() {
        return DuckDbStorage.open(dir.resolve("db-" + files.incrementAndGet()).resolve("observatory.duckdb"));
    }
}

package dev.observatory.server;

import dev.observatory.store.StorageComponent;
import dev.observatory.store.StoreException;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.jdbc.PostgresStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;

/** Opens the storage backend named by the configuration. */
final class Stores {
    static final String DUCKDB_FILE = "observatory.duckdb";

    private Stores() {
    }

    static StorageComponent open(Config c) {
        return switch (c.storage()) {
            case "memory" -> new InMemoryStorage();
            case "postgres" -> PostgresStorage.open(c.postgresUrl(), c.postgresUser(), c.postgresPassword());
            default -> openDuckDb(c.dataDir().resolve(DUCKDB_FILE),
                    DuckDbStorage.MetricDurability.valueOf(c.metricDurability().toUpperCase(java.util.Locale.ROOT)));
        };
    }

    private static StorageComponent openDuckDb(Path file, DuckDbStorage.MetricDurability durability) {
        DuckDbNativeLibrary.prepare();
        try {
            return DuckDbStorage.open(file, java.time.Clock.systemUTC(), durability);
        } catch (StoreException e) {
            String m = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            if (m.contains("lock")) {
                throw new IllegalStateException("the data directory " + file.getParent() + " is in use by another"
                        + " Observatory process (DuckDB allows one writer per file). Connect to that server instead"
                        + " (MCP over HTTP at http://127.0.0.1:8765/mcp), stop it, or use another --data-dir.");
            }
            throw e;
        }
    }
}

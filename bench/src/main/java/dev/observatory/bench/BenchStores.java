package dev.observatory.bench;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/** A store of the named backend in a fresh temporary directory, with the tracking service over it. */
final class BenchStores implements AutoCloseable {
    final Path dir;
    final StorageComponent store;
    final Auditor auditor;
    final Tracking tracking;

    BenchStores(String backend) {
        try {
            dir = Files.createTempDirectory("observatory-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = switch (backend) {
            case "duckdb" -> DuckDbStorage.open(dir.resolve("observatory.duckdb"));
            case "memory" -> new InMemoryStorage();
            default -> throw new IllegalArgumentException("backend must be duckdb or memory, got " + backend);
        };
        Clock clock = Clock.systemUTC();
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
    }

    @Override
    public void close() {
        auditor.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

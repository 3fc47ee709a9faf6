package dev.observatory.bench;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A store of the named backend in a fresh temporary directory, with the tracking service over it. */
final class BenchStores implements AutoCloseable {
    static final String DUCKDB_FILE = "observatory.duckdb";
    final Path dir;
    final StorageComponent store;
    final Auditor auditor;
    final Tracking tracking;

    private BenchStores(Path dir, StorageComponent store) {
        this.dir = dir;
        this.store = store;
        Clock clock = Clock.systemUTC();
        this.auditor = new Auditor(store.audit(), clock);
        this.tracking = new Tracking(store, clock, false, auditor);
    }

    /** An empty store. */
    static BenchStores empty(String backend) {
        Path dir = tempDir();
        return new BenchStores(dir, open(backend, dir));
    }

    /**
     * A store holding what {@code loader} writes. For DuckDB the loaded file is kept in a cache under java.io.tmpdir
     * (keyed by {@code name} and the benchmark jar's time stamp) and copied for every trial, because loading through
     * the store API can take minutes and the data of a read benchmark is the same in every fork.
     */
    static BenchStores loaded(String backend, String name, Consumer<StorageComponent> loader) {
        if (!backend.equals("duckdb")) {
            BenchStores s = empty(backend);
            loader.accept(s.store);
            return s;
        }
        Path cached = cachedDuckDb(name, loader);
        Path dir = tempDir();
        try {
            Files.copy(cached, dir.resolve(DUCKDB_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BenchStores(dir, DuckDbStorage.open(dir.resolve(DUCKDB_FILE)));
    }

    /**
     * Closes this DuckDB store without deleting its directory, hands the closed file to {@code whileClosed} and opens
     * it again (a server restart).
     */
    BenchStores reopened(Consumer<Path> whileClosed) {
        auditor.close();
        store.close();
        whileClosed.accept(dir.resolve(DUCKDB_FILE));
        return new BenchStores(dir, open("duckdb", dir));
    }

    private static Path cachedDuckDb(String name, Consumer<StorageComponent> loader) {
        try {
            Path jar = Path.of(BenchStores.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "observatory-bench-cache");
            Path done = root.resolve(name + "-" + Files.getLastModifiedTime(jar).toMillis());
            if (Files.exists(done.resolve(DUCKDB_FILE))) {
                return done.resolve(DUCKDB_FILE);
            }
            Files.createDirectories(root);
            Path building = Files.createTempDirectory(root, name + "-building-");
            try (StorageComponent s = DuckDbStorage.open(building.resolve(DUCKDB_FILE))) {
                loader.accept(s);
            }
            Files.move(building, done, StandardCopyOption.ATOMIC_MOVE);
            return done.resolve(DUCKDB_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** -Dobservatory.bench.metricDurability=fsync|process|commit (default fsync, the server's default). */
    private static DuckDbStorage.MetricDurability durability() {
        return DuckDbStorage.MetricDurability.valueOf(
                System.getProperty("observatory.bench.metricDurability", "fsync").toUpperCase(java.util.Locale.ROOT));
    }

    private static StorageComponent open(String backend, Path dir) {
        return switch (backend) {
            case "duckdb" -> DuckDbStorage.open(dir.resolve(DUCKDB_FILE), java.time.Clock.systemUTC(), durability());
            case "memory" -> new InMemoryStorage();
            default -> throw new IllegalArgumentException("backend must be duckdb or memory, got " + backend);
        };
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("observatory-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

package dev.observatory.store.jdbc;

import java.time.Clock;

/** The registry on DuckDB: writes on the single writer thread (so uniqueness checks cannot race), reads pooled. */
final class DuckDbRegistry extends JdbcRegistry {

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;

    DuckDbRegistry(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    <T> T write(String conflictMessage, Work<T> work) {
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
    String byCodePoint(String column) {
        return column;
    }
}

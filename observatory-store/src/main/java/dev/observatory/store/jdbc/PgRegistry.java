package dev.observatory.store.jdbc;

/**
 * The registry on PostgreSQL: one transaction per call. Uniqueness is also guarded by the schema (primary keys, unique
 * version numbers per model), so replicas writing at once get a ConflictException rather than duplicates; version
 * numbers are taken by incrementing the model row, which serializes concurrent registrations of one model.
 */
final class PgRegistry extends JdbcRegistry {

    private final PgDb db;

    PgRegistry(PgDb db) {
        this.db = db;
    }

    @Override
    <T> T write(String conflictMessage, Work<T> work) {
        return db.tx("registry write", conflictMessage, work::run);
    }

    @Override
    <T> T read(Work<T> work) {
        return db.tx("registry read", work::run);
    }

    @Override
    long nowMs() {
        return db.now().toEpochMilli();
    }

    @Override
    String byCodePoint(String column) {
        return column + " COLLATE \"C\"";
    }
}

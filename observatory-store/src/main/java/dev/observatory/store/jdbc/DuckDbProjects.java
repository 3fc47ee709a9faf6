package dev.observatory.store.jdbc;

import dev.observatory.model.Project;
import dev.observatory.store.ConflictException;
import dev.observatory.store.ProjectStore;
import dev.observatory.store.internal.RunRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Projects: writes through the writer thread, reads on pooled connections. */
final class DuckDbProjects implements ProjectStore {

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final Clock clock;

    DuckDbProjects(DuckDbConnections db, DuckDbWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public Project create(String name, String description) {
        return writer.write(c -> {
            if (find(c, name).isPresent()) {
                throw new ConflictException("project '" + name + "' already exists");
            }
            return insert(c, name, description);
        });
    }

    @Override
    public Project getOrCreate(String name) {
        Optional<Project> existing = get(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        return writer.write(c -> {
            Optional<Project> raced = find(c, name);
            return raced.isPresent() ? raced.get() : insert(c, name, null);
        });
    }

    private Project insert(Connection c, String name, String description) throws SQLException {
        Project p = new Project(name, description, RunRules.micros(clock.instant()));
        DuckDbSql.update(c, "INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)", p.name(),
                p.description(), p.createdAt());
        return p;
    }

    private static Optional<Project> find(Connection c, String name) throws SQLException {
        return DuckDbSql.one(c, "SELECT name, description, created_at FROM projects WHERE name = ?",
                DuckDbProjects::map, name);
    }

    private static Project map(ResultSet rs) throws SQLException {
        return new Project(rs.getString("name"), rs.getString("description"), DuckDbSql.instant(rs, "created_at"));
    }

    @Override
    public Optional<Project> get(String name) {
        return db.read(c -> find(c, name));
    }

    @Override
    public List<Project> list() {
        return db.read(c -> DuckDbSql.list(c, "SELECT name, description, created_at FROM projects ORDER BY name",
                DuckDbProjects::map));
    }

    @Override
    public Map<String, Long> runCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.read(c -> DuckDbSql.list(c,
                "SELECT p.name, count(r.id) FROM projects p LEFT JOIN runs r "
                        + "ON r.project = p.name GROUP BY p.name ORDER BY p.name",
                rs -> counts.put(rs.getString(1), rs.getLong(2))));
        return counts;
    }
}

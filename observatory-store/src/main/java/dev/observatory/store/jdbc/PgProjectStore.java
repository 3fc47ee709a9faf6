package dev.observatory.store.jdbc;

import dev.observatory.model.Project;
import dev.observatory.store.ProjectStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Projects in PostgreSQL. Names sort by code point (COLLATE "C"), like Java strings. */
final class PgProjectStore implements ProjectStore {

    private final PgDb db;

    PgProjectStore(PgDb db) {
        this.db = db;
    }

    @Override
    public Project create(String name, String description) {
        requireName(name);
        Project p = new Project(name, description, db.now());
        return db.tx("create project", "project '" + name + "' already exists", c -> {
            try (PreparedStatement ps = c
                    .prepareStatement("INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, p.name());
                ps.setString(2, p.description());
                PgDb.setInstant(ps, 3, p.createdAt());
                ps.executeUpdate();
            }
            return p;
        });
    }

    @Override
    public Project getOrCreate(String name) {
        requireName(name);
        return db.tx("get or create project", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO projects (name, description, created_at) "
                    + "VALUES (?, NULL, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                PgDb.setInstant(ps, 2, db.now());
                ps.executeUpdate();
            }
            return find(c, name).orElseThrow();
        });
    }

    @Override
    public Optional<Project> get(String name) {
        return db.tx("get project", c -> find(c, name));
    }

    @Override
    public List<Project> list() {
        return db.tx("list projects", c -> {
            List<Project> out = new ArrayList<>();
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT name, description, created_at FROM projects ORDER BY name COLLATE \"C\"");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Long> runCounts() {
        return db.tx("count runs per project", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT project, COUNT(*) FROM runs GROUP BY project ORDER BY project COLLATE \"C\"");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    static Optional<Project> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c
                .prepareStatement("SELECT name, description, created_at FROM projects WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Project map(ResultSet rs) throws SQLException {
        return new Project(rs.getString("name"), rs.getString("description"), PgDb.getInstant(rs, "created_at"));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("project name must not be blank");
        }
    }
}

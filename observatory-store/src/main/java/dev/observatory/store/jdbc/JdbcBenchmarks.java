package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.bigint;
import static dev.observatory.store.jdbc.JdbcRows.nullableLong;
import static dev.observatory.store.jdbc.JdbcRows.placeholders;
import static dev.observatory.store.jdbc.JdbcRows.query;
import static dev.observatory.store.jdbc.JdbcRows.update;

import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.model.benchmark.BenchmarkQuery;
import dev.observatory.store.BenchmarkStore;
import dev.observatory.store.ConflictException;
import dev.observatory.store.internal.JsonMaps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmarks over JDBC (tables {@code benchmarks} and {@code benchmark_levels}, duckdb/V9.sql and postgres/V6.sql),
 * shared by both backends.
 */
final class JdbcBenchmarks implements BenchmarkStore {
    private static final String COLUMNS = "id, model, version, endpoint, deployment_id, created_by, started_ms, "
            + "finished_ms, status, error, settings_json";
    private static final String LEVEL_COLUMNS = "benchmark_id, position, concurrency, requests, errors, duration_s, "
            + "throughput_rps, p50_ms, p95_ms, p99_ms, max_ms, mean_ms, completion_tokens, first_error";

    private final JdbcTx tx;

    JdbcBenchmarks(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public void save(Benchmark b) {
        tx.write(c -> {
            if (!query(c, "SELECT id FROM benchmarks WHERE id = ?", List.of(b.id()), rs -> 1).isEmpty()) {
                throw new ConflictException("benchmark " + b.id() + " exists");
            }
            update(c, "INSERT INTO benchmarks (" + COLUMNS + ") VALUES " + placeholders(11), b.id(), b.model(),
                    b.version(), b.endpoint(), b.deploymentId(), b.createdBy(), b.startedAt().toEpochMilli(),
                    b.finishedAt().toEpochMilli(), b.status(), b.error(),
                    JsonMaps.write(new LinkedHashMap<>(b.settings())));
            for (int i = 0; i < b.levels().size(); i++) {
                BenchmarkLevel l = b.levels().get(i);
                update(c, "INSERT INTO benchmark_levels (" + LEVEL_COLUMNS + ") VALUES " + placeholders(14), b.id(), i,
                        l.concurrency(), l.requests(), l.errors(), l.durationSeconds(), l.throughputRps(), l.p50Ms(),
                        l.p95Ms(), l.p99Ms(), l.maxMs(), l.meanMs(), bigint(l.completionTokens()), l.firstError());
            }
            return null;
        });
    }

    @Override
    public Optional<Benchmark> get(String id) {
        return tx.read(c -> withLevels(c,
                query(c, "SELECT " + COLUMNS + " FROM benchmarks WHERE id = ?", List.of(id), JdbcBenchmarks::map)))
                .stream().findFirst();
    }

    @Override
    public List<Benchmark> list(BenchmarkQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(q.limit());
        args.add(q.offset());
        return tx
                .read(c -> withLevels(
                        c, query(c,
                                "SELECT " + COLUMNS + " FROM benchmarks" + where
                                        + " ORDER BY started_ms DESC, id DESC LIMIT ? OFFSET ?",
                                args, JdbcBenchmarks::map)));
    }

    @Override
    public long count(BenchmarkQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return tx.read(c -> query(c, "SELECT count(*) FROM benchmarks" + where, args, rs -> rs.getLong(1)).get(0));
    }

    private static String where(BenchmarkQuery q, List<Object> args) {
        List<String> conds = new ArrayList<>();
        if (q.model() != null) {
            conds.add("model = ?");
            args.add(q.model());
        }
        if (q.version() != null) {
            conds.add("version = ?");
            args.add(q.version());
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    /** Header rows with levels still empty. */
    private static Benchmark map(ResultSet rs) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        JsonMaps.read(rs.getString("settings_json")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return new Benchmark(rs.getString("id"), rs.getString("model"), rs.getString("version"),
                rs.getString("endpoint"), rs.getString("deployment_id"), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("started_ms")), Instant.ofEpochMilli(rs.getLong("finished_ms")),
                rs.getString("status"), rs.getString("error"), settings, List.of());
    }

    private static List<Benchmark> withLevels(Connection c, List<Benchmark> heads) throws SQLException {
        if (heads.isEmpty()) {
            return heads;
        }
        Map<String, List<BenchmarkLevel>> levels = new HashMap<>();
        List<Object> ids = new ArrayList<>(heads.stream().map(Benchmark::id).toList());
        for (Object[] row : query(c,
                "SELECT " + LEVEL_COLUMNS + " FROM benchmark_levels WHERE benchmark_id IN " + placeholders(ids.size())
                        + " ORDER BY benchmark_id, position",
                ids, rs -> new Object[] { rs.getString("benchmark_id"), level(rs) })) {
            levels.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((BenchmarkLevel) row[1]);
        }
        return heads.stream()
                .map(b -> new Benchmark(b.id(), b.model(), b.version(), b.endpoint(), b.deploymentId(), b.createdBy(),
                        b.startedAt(), b.finishedAt(), b.status(), b.error(), b.settings(),
                        levels.getOrDefault(b.id(), List.of())))
                .toList();
    }

    private static BenchmarkLevel level(ResultSet rs) throws SQLException {
        double duration = rs.getDouble("duration_s");
        Long tokens = nullableLong(rs, "completion_tokens");
        return new BenchmarkLevel(rs.getInt("concurrency"), rs.getLong("requests"), rs.getLong("errors"), duration,
                rs.getDouble("throughput_rps"), rs.getDouble("p50_ms"), rs.getDouble("p95_ms"), rs.getDouble("p99_ms"),
                rs.getDouble("max_ms"), rs.getDouble("mean_ms"), tokens,
                tokens == null ? null : duration > 0 ? tokens / duration : 0.0, rs.getString("first_error"));
    }
}

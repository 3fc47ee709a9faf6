package dev.observatory.store.jdbc;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.OpsMetricStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Service metrics over JDBC (tables {@code ops_series} and {@code ops_samples}): the reads shared by DuckDB and
 * PostgreSQL. Samples of many series are read with one statement per {@link #IDS_PER_QUERY} series and sorted, and
 * cleared of repeated times, in Java.
 */
abstract class JdbcOpsMetrics implements OpsMetricStore {

    static final int IDS_PER_QUERY = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    /** Series ids known to be committed (their row need not be inserted again). */
    final Set<Long> known = ConcurrentHashMap.newKeySet();

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    abstract <T> T read(Work<T> work);

    /** Runs in a write transaction, committed when it returns. */
    abstract <T> T write(Work<T> work);

    static String labelsJson(OpsSeries s) {
        return JSON.writeValueAsString(s.labels());
    }

    static OpsSeries series(String name, String labelsJson) {
        return new OpsSeries(name, JSON.readValue(labelsJson, LABELS));
    }

    /** The batches' series not known to be stored, one per id. */
    final List<OpsSeries> unknownSeries(List<OpsSamples> batches) {
        Map<Long, OpsSeries> fresh = new HashMap<>();
        for (OpsSamples b : batches) {
            long id = b.series().id();
            if (!known.contains(id)) {
                fresh.putIfAbsent(id, b.series());
            }
        }
        return List.copyOf(fresh.values());
    }

    @Override
    public List<OpsSeries> series(String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, labels FROM ops_series WHERE name = ?")) {
                ps.setString(1, name);
                List<OpsSeries> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(series(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<String> names() {
        return read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT name FROM ops_series ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Growable time/value arrays of one series. */
    private static final class Points {
        long[] t = new long[16];
        double[] v = new double[16];
        int n;

        void add(long time, double value) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = time;
            v[n++] = value;
        }
    }

    @Override
    public List<OpsSamples> samples(List<OpsSeries> series, long fromMs, long toMs) {
        Map<Long, Points> points = new HashMap<>();
        List<Long> ids = series.stream().map(OpsSeries::id).distinct().toList();
        read(c -> {
            for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                String in = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)).stream().map(String::valueOf)
                        .collect(Collectors.joining(","));
                try (PreparedStatement ps = c.prepareStatement("SELECT series_id, ts_ms, value FROM ops_samples"
                        + " WHERE ts_ms BETWEEN ? AND ? AND series_id IN (" + in + ")")) {
                    ps.setLong(1, fromMs);
                    ps.setLong(2, toMs);
                    ps.setFetchSize(10_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            points.computeIfAbsent(rs.getLong(1), k -> new Points()).add(rs.getLong(2),
                                    rs.getDouble(3));
                        }
                    }
                }
            }
            return null;
        });
        List<OpsSamples> out = new ArrayList<>(series.size());
        for (OpsSeries s : series) {
            Points p = points.get(s.id());
            out.add(p == null ? new OpsSamples(s, new long[0], new double[0]) : sorted(s, p));
        }
        return out;
    }

    /** The points by time, one per time. */
    private static OpsSamples sorted(OpsSeries s, Points p) {
        boolean ordered = true;
        for (int i = 1; i < p.n && ordered; i++) {
            ordered = p.t[i] > p.t[i - 1];
        }
        if (ordered) {
            return new OpsSamples(s, Arrays.copyOf(p.t, p.n), Arrays.copyOf(p.v, p.n));
        }
        Integer[] order = new Integer[p.n];
        for (int i = 0; i < p.n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(p.t[a], p.t[b]));
        long[] t = new long[p.n];
        double[] v = new double[p.n];
        int n = 0;
        for (int i : order) {
            if (n > 0 && t[n - 1] == p.t[i]) {
                v[n - 1] = p.v[i];
            } else {
                t[n] = p.t[i];
                v[n++] = p.v[i];
            }
        }
        return new OpsSamples(s, Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }

    @Override
    public Map<Long, Double> lastValues(Collection<Long> seriesIds) {
        Map<Long, Double> out = new HashMap<>();
        List<Long> ids = List.copyOf(seriesIds);
        read(c -> {
            for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                String in = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)).stream().map(String::valueOf)
                        .collect(Collectors.joining(","));
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT series_id, arg_max_value FROM (SELECT series_id, "
                                + lastValueSql() + " AS arg_max_value FROM ops_samples WHERE series_id IN (" + in
                                + ") GROUP BY series_id) x")) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getDouble(2));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** The aggregate giving the value at the latest ts_ms of a group. */
    abstract String lastValueSql();

    @Override
    public long deleteBefore(long timeMs) {
        long deleted = write(c -> {
            long n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ops_samples WHERE ts_ms < ?")) {
                ps.setLong(1, timeMs);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM ops_series WHERE series_id NOT IN "
                            + "(SELECT DISTINCT series_id FROM ops_samples)");
                }
            }
            return n;
        });
        if (deleted > 0) {
            known.clear();
        }
        return deleted;
    }

    @Override
    public long countSamples() {
        return read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM ops_samples")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }
}

package dev.observatory.store.jdbc;

import dev.observatory.model.trace.TracedSpan;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Spans in PostgreSQL. A batch is one INSERT of unnested column arrays (one round trip, any batch size up to
 * {@link #CHUNK} spans per statement) that skips keys already stored; the transaction commits before write returns. The
 * service of a parent in the same batch is recorded on its child (parent_service, for the service map).
 */
final class PgTraces extends JdbcTraces {

    /** Most spans per INSERT statement. */
    static final int CHUNK = 2048;
    private static final String INSERT = insertSql();

    private final PgDb db;

    PgTraces(PgDb db) {
        super(new JdbcTraceSql.Dialect() {
            @Override
            public String quantile(double p) {
                return "coalesce(percentile_cont(" + p + ") WITHIN GROUP (ORDER BY duration_ns), 0)";
            }

            @Override
            public String binaryOrder() {
                return " COLLATE \"C\"";
            }

            @Override
            public String quantiles(double... ps) {
                String list = java.util.Arrays.toString(ps);
                return "percentile_cont(ARRAY" + list + "::float8[]) WITHIN GROUP (ORDER BY duration_ns)";
            }
        });
        this.db = db;
    }

    private static String insertSql() {
        List<String> cols = JdbcSpanRows.COLUMNS;
        StringBuilder select = new StringBuilder();
        StringBuilder unnest = new StringBuilder();
        StringBuilder alias = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            String type = JdbcSpanRows.TYPES.get(i);
            String sep = i == 0 ? "" : ", ";
            select.append(sep).append("c").append(i).append(type.equals("json") ? "::json" : "");
            unnest.append(sep).append("?::").append(type.equals("json") ? "text" : type).append("[]");
            alias.append(sep).append("c").append(i);
        }
        return "INSERT INTO spans (" + JdbcSpanRows.columnList() + ") SELECT " + select + " FROM unnest(" + unnest
                + ") AS u(" + alias + ") ON CONFLICT DO NOTHING";
    }

    @Override
    <T> T read(Work<T> work) {
        return db.tx("trace read", work::run);
    }

    @Override
    public void write(List<TracedSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        List<TracedSpan> distinct = JdbcSpanRows.distinct(spans);
        String[] parents = JdbcSpanRows.parentServices(distinct);
        db.tx("trace write", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int from = 0; from < distinct.size(); from += CHUNK) {
                    List<TracedSpan> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
                    int n = JdbcSpanRows.COLUMNS.size();
                    Object[][] columns = new Object[n][chunk.size()];
                    for (int r = 0; r < chunk.size(); r++) {
                        Object[] row = JdbcSpanRows.values(chunk.get(r), parents[from + r]);
                        for (int col = 0; col < n; col++) {
                            columns[col][r] = row[col];
                        }
                    }
                    for (int col = 0; col < n; col++) {
                        ps.setArray(col + 1, array(c, JdbcSpanRows.TYPES.get(col), columns[col]));
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Array array(java.sql.Connection c, String type, Object[] values) throws java.sql.SQLException {
        return switch (type) {
            case "bigint" -> c.createArrayOf("int8", java.util.Arrays.copyOf(values, values.length, Long[].class));
            case "int4" -> c.createArrayOf("int4", java.util.Arrays.copyOf(values, values.length, Integer[].class));
            case "float8" -> c.createArrayOf("float8", java.util.Arrays.copyOf(values, values.length, Double[].class));
            case "boolean" -> c.createArrayOf("bool", java.util.Arrays.copyOf(values, values.length, Boolean[].class));
            default -> c.createArrayOf("text", java.util.Arrays.copyOf(values, values.length, String[].class));
        };
    }

    @Override
    public long deleteBefore(long startNanos) {
        return db.tx("trace retention", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM spans WHERE start_ns < ?")) {
                ps.setLong(1, startNanos);
                return (long) ps.executeUpdate();
            }
        });
    }
}

package dev.observatory.store.jdbc;

import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.internal.SpanJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans in DuckDB. Rows (JSON, the parent's service when it is in the same batch, the numeric trace key) are encoded on
 * the caller's thread; the writer thread appends them group-committed with the other span batches waiting
 * ({@link DuckDbSpanIngest}), skipping spans already stored. A trace is read by its numeric key first (a BIGINT scan
 * instead of decompressing every trace id), then its id.
 */
final class DuckDbTraces extends JdbcTraces {

    private static final String HEX = "0123456789abcdef";

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final DuckDbTraceSkeleton skeleton = new DuckDbTraceSkeleton(traceCondition());

    DuckDbTraces(DuckDbConnections db, DuckDbWriter writer) {
        super(new JdbcTraceSql.Dialect() {
            @Override
            public String quantile(double p) {
                return "coalesce(quantile_cont(duration_ns, " + p + "), 0)";
            }

            @Override
            public String binaryOrder() {
                return "";
            }

            @Override
            public String quantiles(double... ps) {
                return "quantile_cont(duration_ns, " + java.util.Arrays.toString(ps) + ")";
            }
        });
        this.db = db;
        this.writer = writer;
    }

    @Override
    <T> T read(Work<T> work) {
        return db.read(work::run);
    }

    /**
     * The trace key stored in {@code trace_key}: the last 15 hex digits of the id as a number, 0 for an id that is not
     * 32 lowercase hex characters (the same as migration V17 computes in SQL).
     */
    static long traceKey(String traceId) {
        if (traceId == null || traceId.length() != 32) {
            return 0;
        }
        long key = 0;
        for (int i = 0; i < 32; i++) {
            int digit = HEX.indexOf(traceId.charAt(i));
            if (digit < 0) {
                return 0;
            }
            if (i >= 17) {
                key = key << 4 | digit;
            }
        }
        return key;
    }

    @Override
    String traceCondition() {
        return "trace_key = ? AND trace_id = ?";
    }

    @Override
    List<Object> traceArgs(String traceId) {
        return List.of(traceKey(traceId), traceId);
    }

    /** A trace's skeleton: its text columns as bytes, sorted here, the statement prepared once per connection. */
    @Override
    public List<TracedSpan> traceSkeleton(String traceId) {
        return db.read(c -> skeleton.read(c, traceKey(traceId), traceId));
    }

    @Override
    public void write(List<TracedSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        List<TracedSpan> distinct = JdbcSpanRows.distinct(spans);
        String[] parents = JdbcSpanRows.parentServices(distinct);
        List<Object[]> rows = new ArrayList<>(distinct.size());
        Map<Map<String, Object>, String> resources = new HashMap<>(); // one process's spans share their resource
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < distinct.size(); i++) {
            TracedSpan s = distinct.get(i);
            String resource = resources.computeIfAbsent(s.span().resource(), SpanJson::attributes);
            Object[] values = JdbcSpanRows.values(s, parents[i], resource); // JSON here, not on the writer thread
            Object[] row = Arrays.copyOf(values, values.length + 1);
            row[values.length] = traceKey(s.span().traceId());
            rows.add(row);
            min = Math.min(min, s.span().startNanos());
            max = Math.max(max, s.span().startNanos());
        }
        writer.appendSpans(new DuckDbSpanIngest.Batch(rows, min, max));
    }

    @Override
    public long deleteBefore(long startNanos) {
        return writer.write(c -> (long) DuckDbSql.update(c, "DELETE FROM spans WHERE start_ns < ?", startNanos));
    }
}

package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of one metric journal record: a run id and its batch, columns written as raw arrays (8 bytes per step,
 * timestamp and value; NaN and infinities keep their bits). Strings are a 2-byte length and UTF-8 bytes.
 */
final class DuckDbJournalCodec {

    private DuckDbJournalCodec() {
    }

    /** A decoded payload. */
    record Batch(String runId, Map<String, MetricColumns> batch) {
    }

    static ByteBuffer encode(String runId, Map<String, MetricColumns> batch) {
        byte[] run = utf8(runId);
        int size = 2 + run.length + 4;
        Map<byte[], MetricColumns> keyed = new LinkedHashMap<>();
        for (Map.Entry<String, MetricColumns> e : batch.entrySet()) {
            byte[] key = utf8(e.getKey());
            keyed.put(key, e.getValue());
            size += 2 + key.length + 4 + 24 * e.getValue().size();
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) run.length).put(run).putInt(keyed.size());
        for (Map.Entry<byte[], MetricColumns> e : keyed.entrySet()) {
            MetricColumns c = e.getValue();
            b.putShort((short) e.getKey().length).put(e.getKey()).putInt(c.size());
            b.asLongBuffer().put(c.steps());
            b.position(b.position() + 8 * c.size());
            b.asLongBuffer().put(c.timestampsMs());
            b.position(b.position() + 8 * c.size());
            b.asDoubleBuffer().put(c.values());
            b.position(b.position() + 8 * c.size());
        }
        return b.flip();
    }

    static Batch decode(ByteBuffer b) {
        String runId = string(b);
        int keys = b.getInt();
        Map<String, MetricColumns> batch = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            String key = string(b);
            int n = b.getInt();
            long[] steps = new long[n];
            long[] ts = new long[n];
            double[] values = new double[n];
            b.asLongBuffer().get(steps);
            b.position(b.position() + 8 * n);
            b.asLongBuffer().get(ts);
            b.position(b.position() + 8 * n);
            b.asDoubleBuffer().get(values);
            b.position(b.position() + 8 * n);
            batch.put(key, new MetricColumns(steps, values, ts));
        }
        return new Batch(runId, batch);
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a run id or metric key may have at most 32767 bytes");
        }
        return bytes;
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

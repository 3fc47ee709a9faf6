package dev.observatory.server.promwrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Decodes a Prometheus remote-write 1.0 {@code WriteRequest} (prompb: timeseries = 1 of labels = 1 {name = 1, value =
 * 2} and samples = 2 {value = 1 double, timestamp = 2 int64 ms}); exemplars, native histograms and metadata are skipped
 * and counted. The metric name is the {@code __name__} label.
 */
final class RemoteWriteDecoder {
    private RemoteWriteDecoder() {
    }

    /**
     * @param series
     *            one entry per time series with samples
     * @param skipped
     *            native histogram samples and series without a name, not stored
     */
    record Decoded(List<OpsSamples> series, long skipped) {
    }

    static Decoded decode(byte[] body) {
        CodedInputStream in = CodedInputStream.newInstance(body);
        List<OpsSamples> out = new ArrayList<>();
        long skipped = 0;
        try {
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (WireFormat.getTagFieldNumber(tag) == 1
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    skipped += timeSeries(in, out);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not a valid remote-write WriteRequest: " + e.getMessage());
        }
        return new Decoded(out, skipped);
    }

    private static long timeSeries(CodedInputStream in, List<OpsSamples> out) throws IOException {
        TreeMap<String, String> labels = new TreeMap<>();
        String name = null;
        long[] t = new long[4];
        double[] v = new double[4];
        int n = 0;
        long skipped = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                String[] kv = pair(in);
                in.popLimit(limit);
                if (kv[0].equals("__name__")) {
                    name = kv[1];
                } else {
                    labels.put(kv[0], kv[1]);
                }
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                double value = 0;
                long time = 0;
                while (!in.isAtEnd()) {
                    int st = in.readTag();
                    switch (WireFormat.getTagFieldNumber(st)) {
                        case 1 -> value = in.readDouble();
                        case 2 -> time = in.readInt64();
                        default -> in.skipField(st);
                    }
                }
                in.popLimit(limit);
                if (n == t.length) {
                    t = Arrays.copyOf(t, n * 2);
                    v = Arrays.copyOf(v, n * 2);
                }
                t[n] = time;
                v[n++] = value;
            } else {
                if (field == 4) {
                    skipped++; // a native histogram sample
                }
                in.skipField(tag);
            }
        }
        if (name == null || name.isEmpty()) {
            return skipped + n;
        }
        if (n > 0) {
            out.add(new OpsSamples(new OpsSeries(name, labels), n == t.length ? t : Arrays.copyOf(t, n),
                    n == v.length ? v : Arrays.copyOf(v, n)));
        }
        return skipped;
    }

    private static String[] pair(CodedInputStream in) throws IOException {
        String k = "";
        String val = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> k = in.readStringRequireUtf8();
                case 2 -> val = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new String[] { k, val };
    }
}

package dev.observatory.server.promwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/write with hand-built WriteRequests: decoding, snappy, and the refusals Prometheus acts on. */
class RemoteWriteReceiverTest {
    static final long T = 1_735_689_600_000L;
    final InMemoryStorage store = new InMemoryStorage();
    final Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
    final Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
    final HttpServer server;

    RemoteWriteReceiverTest() {
        OpsMetrics.configure(tracking, new OpsMetricsSettings(null, Duration.ofSeconds(1), 0));
        HttpServer.Builder b = HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).version("test").stopTimeout(Duration.ZERO);
        RemoteWrite.mountOn(b, tracking, new Meters(), 4096, 2);
        server = b.build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        auditor.close();
    }

    /** A WriteRequest with one series of samples (t, v) pairs. */
    static byte[] writeRequest(Map<String, String> labels, long[] t, double[] v) throws IOException {
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(series);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            ByteArrayOutputStream label = new ByteArrayOutputStream();
            CodedOutputStream l = CodedOutputStream.newInstance(label);
            l.writeString(1, e.getKey());
            l.writeString(2, e.getValue());
            l.flush();
            s.writeByteArray(1, label.toByteArray());
        }
        for (int i = 0; i < t.length; i++) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            CodedOutputStream x = CodedOutputStream.newInstance(sample);
            x.writeDouble(1, v[i]);
            x.writeInt64(2, t[i]);
            x.flush();
            s.writeByteArray(2, sample.toByteArray());
        }
        s.flush();
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(req);
        r.writeByteArray(1, series.toByteArray());
        r.flush();
        return req.toByteArray();
    }

    /** Snappy with literals only (valid, uncompressed). */
    static byte[] literalSnappy(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = raw.length;
        while (n >= 0x80) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        for (int i = 0; i < raw.length; i += 60) {
            int len = Math.min(60, raw.length - i);
            out.write((len - 1) << 2);
            out.write(raw, i, len);
        }
        return out.toByteArray();
    }

    HttpResponse<String> post(byte[] body, String encoding, String type) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + RemoteWrite.PATH))
                        .header("Content-Encoding", encoding).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_write_request_is_stored_and_staleness_markers_are_skipped() throws Exception {
        byte[] req = writeRequest(Map.of("__name__", "up", "job", "node", "instance", "a:9100"),
                new long[] { T, T + 15_000, T + 30_000 },
                new double[] { 1, 0, Double.longBitsToDouble(0x7ff0000000000002L) });

        HttpResponse<String> r = post(literalSnappy(req), "snappy", "application/x-protobuf");

        assertThat(r.statusCode()).isEqualTo(204);
        OpsSamples s = store.opsMetrics()
                .samples(List.of(OpsSeries.of("up", Map.of("job", "node", "instance", "a:9100"))), 0, Long.MAX_VALUE)
                .get(0);
        assertThat(s.times()).containsExactly(T, T + 15_000);
        assertThat(s.values()).containsExactly(1, 0);
    }

    @Test
    void bodies_prometheus_must_not_retry_are_refused_with_4xx() throws Exception {
        byte[] req = writeRequest(Map.of("__name__", "up"), new long[] { T }, new double[] { 1 });

        assertThat(post(req, "snappy", "application/x-protobuf").statusCode()).isEqualTo(400);
        assertThat(post(literalSnappy(req), "gzip", "application/x-protobuf").statusCode()).isEqualTo(415);
        assertThat(post(literalSnappy(req), "snappy", "application/x-protobuf;proto=io.prometheus.write.v2.Request")
                .statusCode()).isEqualTo(415);
        HttpResponse<String> huge = post(literalSnappy(new byte[5000]), "snappy", "application/x-protobuf");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("metrics_max_body_bytes");
        assertThat(store.opsMetrics().countSamples()).isZero();
    }

    @Test
    void snappy_back_references_repeat_earlier_bytes_including_overlapping_runs() {
        // "abcd" literal, then copy len 8 offset 4 (1-byte offset form), then copy len 3 offset 1 (2-byte form)
        byte[] block = { 15, 3 << 2, 'a', 'b', 'c', 'd', (byte) (((8 - 4) << 2) | 1), 4, (byte) ((2 << 2) | 2), 1, 0 };

        assertThat(new String(Snappy.decompress(block, 100), StandardCharsets.US_ASCII)).isEqualTo("abcdabcdabcdddd");
        assertThatThrownBy(() -> Snappy.decompress(new byte[] { 15, 3 << 2, 'a', 'b', 'c', 'd', 1 | (8 << 2), 9 }, 100))
                .hasMessageContaining("corrupt snappy");
        assertThatThrownBy(() -> Snappy.decompress(new byte[] { 5, 3 << 2, 'a' }, 100))
                .hasMessageContaining("corrupt snappy");
    }
}

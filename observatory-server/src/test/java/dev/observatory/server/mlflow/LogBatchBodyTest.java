package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The streamed log-batch body reads exactly what the tree-based reading reads, errors and messages included. */
class LogBatchBodyTest {

    private static ByteArrayInputStream in(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The outcome of the tree-based reading: the columns or the error. */
    private static String byTree(String body) {
        try {
            JsonNode tree = MlflowJson.readObject(in(body));
            JsonNode metrics = tree.get("metrics");
            if (metrics == null || metrics.isNull()) {
                return "count=0 " + render(Map.of());
            }
            int count = metrics.size();
            return "count=" + count + " " + render(MetricEndpoints.columns(metrics));
        } catch (MlflowException e) {
            return e.code() + ": " + (e.code().equals("MALFORMED_REQUEST") ? "" : e.getMessage());
        }
    }

    private static String streamed(String body) {
        try {
            LogBatchBody b = LogBatchBody.read(in(body), 1000);
            JsonNode metrics = b.rest.get("metrics");
            if (!b.streamed) {
                return byTree(body);
            }
            assertThat(metrics).isNull();
            if (b.firstError != null) {
                throw b.firstError;
            }
            return "count=" + b.metricCount + " " + render(b.batch());
        } catch (MlflowException e) {
            return e.code() + ": " + (e.code().equals("MALFORMED_REQUEST") ? "" : e.getMessage());
        }
    }

    private static String render(Map<String, MetricColumns> batch) {
        StringJoiner j = new StringJoiner("; ");
        batch.forEach((k, c) -> j.add(k + " steps=" + Arrays.toString(c.steps()) + " values="
                + Arrays.toString(c.values()) + " times=" + Arrays.toString(c.timestampsMs())));
        return j.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"run_id\":\"r\",\"metrics\":[{\"key\":\"loss\",\"value\":0.5,\"timestamp\":\"1700000000000\","
                    + "\"step\":\"3\"},{\"key\":\"acc\",\"value\":1,\"timestamp\":2,\"step\":4},"
                    + "{\"key\":\"loss\",\"value\":0.25,\"timestamp\":3}]}",
            "{\"metrics\":[{\"step\":7,\"timestamp\":5,\"value\":\"NaN\",\"key\":\"a\"},"
                    + "{\"key\":\"a\",\"value\":\"Infinity\",\"timestamp\":5},{\"key\":\"a\",\"value\":\"-inf\","
                    + "\"timestamp\":5},{\"key\":\"a\",\"value\":NaN,\"timestamp\":5},"
                    + "{\"key\":\"a\",\"value\":-Infinity,\"timestamp\":5},{\"key\":\"a\",\"value\":\" 1.5 \","
                    + "\"timestamp\":\" 6 \"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"value\":2,\"extra\":{\"x\":[1,{}]}}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}],\"metrics\":[{\"key\":\"b\",\"value\":2,"
                    + "\"timestamp\":2}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}],\"metrics\":{\"key\":\"b\"}}",
            "{\"metrics\":{\"key\":\"a\",\"value\":1,\"timestamp\":1}}", "{\"metrics\":\"loss\"}", "{\"metrics\":null}",
            "{\"metrics\":[]}", "{}", "", "null", "[1,2]", "\"text\"", "{} {}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}]} x",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1},{\"key\":",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1},{\"key\":\"b\",\"value\":tru}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}",
            "{\"metrics\":[{\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":null,\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":5,\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":{\"a\":1},\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":[\"a\"],\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a/../b\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"/a\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"bad\\ud800\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":null,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":\"abc\",\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":true,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":{\"v\":1},\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":[1],\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":null}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1.5}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":99999999999999999999}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"soon\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"step\":null}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"step\":\"x\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"step\":[1]}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":\"abc\",\"timestamp\":\"soon\",\"step\":\"x\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1e400,\"timestamp\":-5,\"step\":-9223372036854775808}]}",
            "{\"metrics\":[{\"key\":\"ok\",\"value\":1,\"timestamp\":1},{\"key\":\"..\",\"value\":1,"
                    + "\"timestamp\":1},{\"key\":\"a\",\"value\":\"x\",\"timestamp\":1}]}",
            "{\"metrics\":[5]}", "{\"metrics\":[null]}", "{\"metrics\":[[1,2]]}", "{\"metrics\":[\"loss\"]}",
            // the plain shapes the fast path takes, and the near misses it leaves to the Jackson reading
            "{ \"run_id\" : \"r\" ,\r\n\t\"metrics\": [ { \"key\": \"loss\", \"value\": -0.0, \"timestamp\": \"007\","
                    + " \"step\": -0 }, {\"step\":\"12\",\"timestamp\":-5,\"value\":-0,\"key\":\"acc\"} ] } ",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1.5e-3,\"timestamp\":1,\"step\":123456789012345678},"
                    + "{\"key\":\"a\",\"value\":12345678901234567890,\"timestamp\":1},"
                    + "{\"key\":\"a\",\"value\":0.1E+2,\"timestamp\":1234567890123456789}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":01,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1.,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":.5,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":+1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"lo\\u0073s\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"l\u00f6ss\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"key\":\"b\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}],\"run_id\":\"r\",\"run_id\":\"s\"}",
            "{\"run_id\":\"r\\\"x\",\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1},]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}]}}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"\"}]}",
            "{\"metrics\":[{\"key\":\"\",\"value\":1,\"timestamp\":1}]}",
            // after a metric read field by field, the next ones laid out alike are read by their layout: near misses
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":-1.5e2,\"timestamp\":\"4\",\"step\":\"5\"},"
                    + "{\"key\":\"b\",\"value\":7,\"timestamp\":\"6\",\"step\":\"0007\"},"
                    + "{\"key\":\"a\",\"value\":8, \"timestamp\":\"9\",\"step\":\"1\"},"
                    + "{\"key\":\"a\",\"value\":8,\"timestamp\":10,\"step\":\"1\"},"
                    + "{\"key\":\"a\",\"value\":8,\"timestamp\":11,\"step\":\"1\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3x\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"1234567890123456789\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":\"NaN\",\"timestamp\":\"2\",\"step\":\"3\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":01,\"timestamp\":\"2\",\"step\":\"3\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\",\"step\":\"4\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\\u0062\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"../x\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"},"
                    + "{\"key\":\"a\",\"value\":1,\"timestamp\":\"2\",\"step\":\"3\"" })
    void readsWhatTheTreeReads(String body) {
        assertThat(streamed(body)).isEqualTo(byTree(body));
    }

    /** What the official Java client sends (protobuf's JSON printer: pretty, int64 as strings). */
    static String officialClientBody(int n) {
        StringJoiner j = new StringJoiner(", ", "{\n  \"run_id\": \"0a1b2c\",\n  \"metrics\": [", "]\n}");
        for (int i = 0; i < n; i++) {
            j.add("{\n    \"key\": \"loss\",\n    \"value\": " + Math.exp(-i / 20_000.0) + ",\n    \"timestamp\": \""
                    + (1_700_000_000_000L + i) + "\",\n    \"step\": \"" + i + "\"\n  }");
        }
        return j.toString();
    }

    @Test
    void theOfficialClientsBodyTakesTheFastPathAndReadsWhatTheJacksonReadingReads() {
        String body = officialClientBody(1000);
        assertThat(LogBatchFastPath.read(body.getBytes(StandardCharsets.UTF_8), body.length(), 1000)).isNotNull();
        LogBatchBody fast = LogBatchBody.read(in(body), 1000, true);
        LogBatchBody jackson = LogBatchBody.read(in(body), 1000, false);
        assertThat(fast.metricCount).isEqualTo(jackson.metricCount).isEqualTo(1000);
        assertThat(fast.rest).isEqualTo(jackson.rest);
        assertThat(render(fast.batch())).isEqualTo(render(jackson.batch()));
        assertThat(fast.batch().get("loss").values()[999]).isEqualTo(Math.exp(-999 / 20_000.0));
        assertThat(LogBatchFastPath.read(body.getBytes(StandardCharsets.UTF_8), body.length(), 999))
                .as("over the limit: the general reading reports it").isNull();
    }

    @Test
    void aDeclaredLengthReadsTheWholeBodyEvenWhenItIsWrong() throws Exception {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(LogBatchBody.head(new ByteArrayInputStream(ten), 10)).isEqualTo(ten);
        assertThat(LogBatchBody.head(new ByteArrayInputStream(ten), 3)).as("longer than declared").isEqualTo(ten);
        assertThat(LogBatchBody.head(new ByteArrayInputStream(ten), 20)).as("shorter than declared").isEqualTo(ten);
        assertThat(LogBatchBody.head(new ByteArrayInputStream(ten), -1)).isEqualTo(ten);
        assertThat(LogBatchBody.head(new ByteArrayInputStream(ten), 0)).isEqualTo(ten);
        String body = officialClientBody(3);
        LogBatchBody declared = LogBatchBody.read(in(body), body.length(), 1000);
        assertThat(declared.streamed).isTrue();
        assertThat(render(declared.batch())).isEqualTo(render(LogBatchBody.read(in(body), 1000).batch()));
    }

    @Test
    void metricsLaidOutLikeThePreviousOneReadTheirOwnValues() {
        String body = "{\"metrics\":[" + "{\"key\":\"a\",\"value\":1.5,\"timestamp\":\"10\",\"step\":\"1\"},"
                + "{\"key\":\"b\",\"value\":-2,\"timestamp\":\"20\",\"step\":\"22\"},"
                + "{\"key\":\"a\",\"value\":3e-1,\"timestamp\":\"30\",\"step\":\"333\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        LogBatchFastPath f = LogBatchFastPath.read(bytes, bytes.length, 1000);

        assertThat(f).isNotNull();
        assertThat(f.metricCount).isEqualTo(3);
        MetricColumns a = f.columns.get("a").build();
        MetricColumns b = f.columns.get("b").build();
        assertThat(a.steps()).containsExactly(1, 333);
        assertThat(a.values()).containsExactly(1.5, 0.3);
        assertThat(a.timestampsMs()).containsExactly(10, 30);
        assertThat(b.steps()).containsExactly(22);
        assertThat(b.values()).containsExactly(-2.0);
        assertThat(b.timestampsMs()).containsExactly(20);
    }

    @Test
    void aValidBatchStreamsIntoColumnsPerKeyInFirstSeenOrder() {
        String body = "{\"metrics\":[{\"key\":\"b\",\"value\":1,\"timestamp\":10,\"step\":0},"
                + "{\"key\":\"a\",\"value\":2,\"timestamp\":11,\"step\":\"1\"},"
                + "{\"key\":\"b\",\"value\":\"NaN\",\"timestamp\":\"12\",\"step\":2}],\"run_id\":\"r1\"}";

        LogBatchBody b = LogBatchBody.read(in(body), 1000);

        assertThat(b.metricCount).isEqualTo(3);
        assertThat(b.firstError).isNull();
        assertThat(b.rest.path("run_id").asString()).isEqualTo("r1");
        Map<String, MetricColumns> batch = b.batch();
        assertThat(batch.keySet()).containsExactly("b", "a");
        assertThat(batch.get("b").steps()).containsExactly(0, 2);
        assertThat(batch.get("b").timestampsMs()).containsExactly(10, 12);
        assertThat(Double.isNaN(batch.get("b").values()[1])).isTrue();
        assertThat(batch.get("a").values()).containsExactly(2.0);
    }

    @Test
    void metricsBeyondTheLimitAreCountedNotKeptNorChecked() {
        StringJoiner j = new StringJoiner(",", "{\"metrics\":[", "]}");
        for (int i = 0; i < 50; i++) {
            j.add(i < 10 ? "{\"key\":\"k\",\"value\":" + i + ",\"timestamp\":1}" : "{\"key\":\"..\"}");
        }

        LogBatchBody b = LogBatchBody.read(in(j.toString()), 10);

        assertThat(b.metricCount).isEqualTo(50);
        assertThat(b.firstError).isNull();
        assertThat(b.batch().get("k").steps()).hasSize(10);
    }
}

package dev.observatory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.MetricColumns;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricBatchParserTest {
    private static final long NOW = 1_740_823_200_000L;

    private static MetricBatchParser.Batch parse(String json) {
        return MetricBatchParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), NOW, 100);
    }

    @Test
    void readsColumnsIntoPrimitiveArraysWithDefaultTimestamps() {
        MetricBatchParser.Batch b = parse("{\"run_id\":\"r1\",\"metrics\":{\"loss\":{\"values\":[0.5,1e-3,2],"
                + "\"steps\":[1,2,3.0]},\"acc\":{\"steps\":[7],\"values\":[NaN],\"timestamps\":[\"1970-01-01T00:00:01Z\"]}}}");
        assertThat(b.runId()).isEqualTo("r1");
        assertThat(b.points()).isEqualTo(4);
        MetricColumns loss = b.columns().get("loss");
        assertThat(loss.steps()).containsExactly(1, 2, 3);
        assertThat(loss.values()).containsExactly(0.5, 0.001, 2.0);
        assertThat(loss.timestampsMs()).containsExactly(NOW, NOW, NOW);
        MetricColumns acc = b.columns().get("acc");
        assertThat(acc.values()[0]).isNaN();
        assertThat(acc.timestampsMs()).containsExactly(1000L);
    }

    @Test
    void groupsRowsByKeyInArrivalOrder() {
        MetricBatchParser.Batch b = parse("{\"points\":[{\"key\":\"a\",\"step\":2,\"value\":\"-Infinity\"},"
                + "{\"value\":1,\"step\":1,\"key\":\"b\",\"timestamp\":5},{\"key\":\"a\",\"step\":1,\"value\":3}]}");
        assertThat(b.columns()).containsOnlyKeys("a", "b");
        assertThat(b.columns().get("a").steps()).containsExactly(2, 1);
        assertThat(b.columns().get("a").values()).containsExactly(Double.NEGATIVE_INFINITY, 3.0);
        assertThat(b.columns().get("b").timestampsMs()).containsExactly(5L);
    }

    @Test
    void growsPastTheInitialCapacity() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            steps.append(i == 0 ? "" : ",").append(i);
        }
        MetricBatchParser.Batch b = parse(
                "{\"metrics\":{\"k\":{\"steps\":[" + steps + "],\"values\":[" + steps + "]}}}");
        assertThat(b.columns().get("k").steps()).hasSize(90).endsWith(89);
    }

    @Test
    void rejectsWhatItCannotStoreSayingWhere() {
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[1.5],\"values\":[1]}}}"))
                .hasMessageContaining("metrics.k.steps[0] must be an integer step, got a number");
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[1],\"values\":[null]}}}"))
                .hasMessageContaining("metrics.k.values[0]").hasMessageContaining("got null");
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[1],\"values\":[1],\"timestamps\":[true]}}}"))
                .hasMessageContaining("metrics.k.timestamps[0]");
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[1]}}}"))
                .hasMessageContaining("needs both \"steps\" and \"values\"");
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[1],\"values\":[1],\"extra\":1}}}"))
                .hasMessageContaining("unknown field 'metrics.k.extra'");
        assertThatThrownBy(() -> parse("{\"points\":[{\"key\":\"a\",\"value\":1}]}"))
                .hasMessageContaining("points[0] needs key, step and value");
        assertThatThrownBy(() -> parse("{\"run_id\":\"x\"}")).hasMessageContaining("has no points");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse("{\"metrics\":{}} {}")).hasMessageContaining("after the JSON object");
    }

    @Test
    void stopsReadingOnceTheBatchExceedsThePointLimit() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            steps.append(i == 0 ? "" : ",").append(i);
        }
        assertThatThrownBy(() -> parse("{\"metrics\":{\"k\":{\"steps\":[" + steps + "]")).isInstanceOf(HttpError.class)
                .hasMessageContaining("at most 100 points");
    }
}

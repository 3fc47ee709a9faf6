package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.OpsMetricStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service metric store: series by name, samples by time range (sorted, one per time), last values, retention. */
abstract class OpsMetricContract extends StorageFixture {

    OpsMetricStore ops;

    @BeforeEach
    void ops() {
        ops = storage.opsMetrics();
    }

    static final OpsSeries API_GET = OpsSeries.of("http_requests_total", Map.of("service", "api", "route", "/a"));
    static final OpsSeries API_POST = OpsSeries.of("http_requests_total", Map.of("service", "api", "route", "/b"));
    static final OpsSeries MEMORY = OpsSeries.of("process_memory_bytes", Map.of("service", "api"));

    static OpsSamples samples(OpsSeries s, long fromMs, int n, double start, double step) {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0_MS + fromMs + i * 1000L;
            v[i] = start + i * step;
        }
        return new OpsSamples(s, t, v);
    }

    @Test
    void series_are_found_by_name_with_their_labels() {
        ops.append(List.of(samples(API_GET, 0, 3, 1, 1), samples(API_POST, 0, 2, 5, 1), samples(MEMORY, 0, 1, 9, 0)));

        assertThat(ops.series("http_requests_total")).containsExactlyInAnyOrder(API_GET, API_POST);
        assertThat(ops.series("process_memory_bytes")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsExactly(Map.entry("service", "api")));
        assertThat(ops.series("nope")).isEmpty();
        assertThat(ops.names()).containsExactly("http_requests_total", "process_memory_bytes");
        assertThat(ops.countSamples()).isEqualTo(6);
    }

    @Test
    void samples_come_back_sorted_within_the_range_in_the_order_asked() {
        ops.append(List.of(samples(API_GET, 10_000, 5, 10, 1)));
        ops.append(List.of(samples(API_GET, 0, 5, 0, 1), samples(API_POST, 0, 2, 100, 1)));

        List<OpsSamples> read = ops.samples(List.of(API_POST, API_GET, MEMORY), T0_MS + 1000, T0_MS + 11_000);

        assertThat(read).extracting(OpsSamples::series).containsExactly(API_POST, API_GET, MEMORY);
        assertThat(read.get(0).values()).containsExactly(101);
        assertThat(read.get(1).times()).containsExactly(T0_MS + 1000, T0_MS + 2000, T0_MS + 3000, T0_MS + 4000,
                T0_MS + 10_000, T0_MS + 11_000);
        assertThat(read.get(1).values()).containsExactly(1, 2, 3, 4, 10, 11);
        assertThat(read.get(2).size()).isZero();
    }

    @Test
    void a_sample_sent_twice_is_read_once() {
        ops.append(List.of(samples(API_GET, 0, 3, 1, 1)));
        ops.append(List.of(samples(API_GET, 0, 3, 1, 1)));

        OpsSamples read = ops.samples(List.of(API_GET), T0_MS, T0_MS + 10_000).get(0);

        assertThat(read.times()).containsExactly(T0_MS, T0_MS + 1000, T0_MS + 2000);
        assertThat(read.values()).containsExactly(1, 2, 3);
        assertThat(ops.series("http_requests_total")).containsExactly(API_GET);
    }

    @Test
    void last_values_are_those_of_the_latest_time() {
        ops.append(List.of(samples(API_GET, 5000, 2, 50, 1), samples(API_POST, 0, 3, 7, -1)));
        ops.append(List.of(samples(API_GET, 0, 2, 1, 1)));

        Map<Long, Double> last = ops.lastValues(List.of(API_GET.id(), API_POST.id(), MEMORY.id()));

        assertThat(last).containsOnly(Map.entry(API_GET.id(), 51.0), Map.entry(API_POST.id(), 5.0));
    }

    @Test
    void retention_deletes_old_samples_and_series_left_empty() {
        ops.append(List.of(samples(API_GET, 0, 10, 0, 1), samples(MEMORY, 0, 2, 1, 0)));

        long deleted = ops.deleteBefore(T0_MS + 5000);

        assertThat(deleted).isEqualTo(7);
        assertThat(ops.samples(List.of(API_GET), 0, Long.MAX_VALUE).get(0).values()).containsExactly(5, 6, 7, 8, 9);
        assertThat(ops.names()).containsExactly("http_requests_total");
        ops.append(List.of(samples(MEMORY, 20_000, 1, 3, 0)));
        assertThat(ops.series("process_memory_bytes")).containsExactly(MEMORY);
        assertThat(ops.countSamples()).isEqualTo(6);
    }

    @Test
    void many_series_are_read_in_one_call() {
        List<OpsSamples> batches = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            batches.add(samples(OpsSeries.of("up", Map.of("instance", "host-" + i)), 0, 2, i, 0));
        }
        ops.append(batches);

        List<OpsSeries> series = ops.series("up");
        List<OpsSamples> read = ops.samples(series, T0_MS, T0_MS + 1000);

        assertThat(series).hasSize(1200);
        assertThat(read).allSatisfy(s -> assertThat(s.values()).containsExactly(
                Double.parseDouble(s.series().label("instance").substring(5)),
                Double.parseDouble(s.series().label("instance").substring(5))));
    }
}

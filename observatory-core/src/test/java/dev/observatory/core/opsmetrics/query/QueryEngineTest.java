package dev.observatory.core.opsmetrics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.OpsMetricStore;
import dev.observatory.store.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class QueryEngineTest {
    static final long T0 = 1_735_689_600_000L;
    static final long S = 1000;

    final OpsMetricStore store = new InMemoryStorage().opsMetrics();
    final QueryEngine engine = new QueryEngine(SeriesSource.of(store));

    /** Samples every 15 s from T0 to T0 + 600 s, value f(i). */
    void series(String name, Map<String, String> labels, IntToDoubleFunction f) {
        long[] t = new long[41];
        double[] v = new double[41];
        for (int i = 0; i <= 40; i++) {
            t[i] = T0 + i * 15 * S;
            v[i] = f.applyAsDouble(i);
        }
        store.append(List.of(new OpsSamples(OpsSeries.of(name, labels), t, v)));
    }

    double single(QueryResult r) {
        assertThat(r.rows()).hasSize(1);
        return r.rows().get(0).values()[0];
    }

    @Test
    void rate_and_increase_extrapolate_to_the_window_like_prometheus() {
        series("http_requests_total", Map.of("service", "api"), i -> 10 * i);

        assertThat(single(engine.instant("rate(http_requests_total{service=\"api\"}[1m])", T0 + 300 * S)))
                .isCloseTo(40.0 / 60, within(1e-9));
        assertThat(single(engine.instant("increase(http_requests_total[1m])", T0 + 300 * S))).isCloseTo(40,
                within(1e-9));
    }

    @Test
    void a_counter_reset_is_counted_as_an_increase_from_zero() {
        series("jobs_total", Map.of(), i -> i < 18 ? 10 * i : 10 * (i - 18) + 5);

        // 170 -> (reset) 5 -> 15 -> 25 in (240 s, 300 s]: 25 more, extrapolated over 60 s of 45 s sampled
        assertThat(single(engine.instant("increase(jobs_total[1m])", T0 + 300 * S))).isCloseTo(25 * 60 / 45.0,
                within(1e-9));
        assertThat(single(engine.instant("irate(jobs_total[1m])", T0 + 300 * S))).isCloseTo(10 / 15.0, within(1e-9));
    }

    @Test
    void sum_by_groups_series_and_drops_the_other_labels() {
        series("req_total", Map.of("route", "/a", "pod", "1"), i -> 15 * i);
        series("req_total", Map.of("route", "/a", "pod", "2"), i -> 30 * i);
        series("req_total", Map.of("route", "/b", "pod", "1"), i -> 0);

        QueryResult r = engine.instant("sum by (route) (rate(req_total[1m]))", T0 + 300 * S);

        assertThat(r.rows()).extracting(row -> row.labels().toString()).containsExactly("{route=/a}", "{route=/b}");
        assertThat(r.rows().get(0).values()[0]).isCloseTo(3.0, within(1e-9));
        assertThat(r.rows().get(1).values()[0]).isZero();
        assertThat(single(engine.instant("sum(rate(req_total[1m])) without (pod, route)", T0 + 300 * S))).isCloseTo(3.0,
                within(1e-9));
        assertThat(engine.instant("topk(1, rate(req_total[1m]))", T0 + 300 * S).rows()).singleElement()
                .satisfies(row -> assertThat(row.labels()).containsEntry("pod", "2"));
    }

    @Test
    void histogram_quantile_interpolates_inside_the_bucket_of_the_rank() {
        double[] perScrape = { 1, 5, 9, 10 };
        String[] le = { "0.1", "0.5", "1", "+Inf" };
        for (int b = 0; b < le.length; b++) {
            double inc = perScrape[b];
            series("latency_seconds_bucket", Map.of("le", le[b], "pod", "1"), i -> inc * i);
            series("latency_seconds_bucket", Map.of("le", le[b], "pod", "2"), i -> 2 * inc * i);
        }

        String q = "histogram_quantile(%s, sum by (le) (rate(latency_seconds_bucket[1m])))";
        assertThat(single(engine.instant(q.formatted("0.7"), T0 + 300 * S))).isCloseTo(0.75, within(1e-9));
        assertThat(single(engine.instant(q.formatted("0.5"), T0 + 300 * S))).isCloseTo(0.5, within(1e-9));
        assertThat(single(engine.instant(q.formatted("0.99"), T0 + 300 * S))).isCloseTo(1.0, within(1e-9));
        assertThat(engine.instant("histogram_quantile(0.5, rate(latency_seconds_bucket[1m]))", T0 + 300 * S).rows())
                .hasSize(2);
    }

    @Test
    void binary_operators_match_series_on_their_labels_and_comparisons_filter() {
        series("errors_total", Map.of("route", "/a"), i -> i);
        series("errors_total", Map.of("route", "/b"), i -> 0);
        series("requests_total", Map.of("route", "/a"), i -> 100 * i);
        series("requests_total", Map.of("route", "/b"), i -> 100 * i);

        QueryResult ratio = engine.instant("rate(errors_total[1m]) / rate(requests_total[1m])", T0 + 300 * S);
        assertThat(ratio.rows()).hasSize(2);
        assertThat(ratio.rows().get(0).values()[0]).isCloseTo(0.01, within(1e-12));
        assertThat(ratio.rows().get(0).labels()).doesNotContainKey("__name__");

        QueryResult high = engine.instant("rate(errors_total[1m]) / rate(requests_total[1m]) > 0.005", T0 + 300 * S);
        assertThat(high.rows()).singleElement().satisfies(r -> assertThat(r.labels()).containsEntry("route", "/a"));
        assertThat(single(
                engine.instant("sum(rate(errors_total[1m])) * 100 / sum(rate(requests_total[1m]))", T0 + 300 * S)))
                        .isCloseTo(0.5, within(1e-9));
        assertThat(engine.instant("2 * 3 + 1", T0).scalar()).isTrue();
        assertThat(single(engine.instant("-2 ^ 2", T0))).isEqualTo(-4);
    }

    @Test
    void a_range_query_evaluates_every_step_and_an_instant_selector_looks_back_five_minutes() {
        series("queue_depth", Map.of(), i -> i);

        QueryResult r = engine.range("queue_depth", T0 + 600 * S, T0 + 1200 * S, 60 * S);

        assertThat(r.steps()).hasSize(11);
        double[] v = r.rows().get(0).values();
        assertThat(v[0]).isEqualTo(40);
        assertThat(v[4]).isEqualTo(40); // 240 s after the last sample: still within the lookback
        assertThat(v[5]).isNaN(); // 300 s after it: gone
        assertThat(r.rows().get(0).labels()).containsEntry("__name__", "queue_depth");
        QueryResult avg = engine.range("avg_over_time(queue_depth[1m])", T0 + 60 * S, T0 + 120 * S, 60 * S);
        assertThat(avg.rows().get(0).values()).containsExactly(2.5, 6.5);
        assertThat(single(engine.instant("max_over_time(queue_depth[2m] offset 1m)", T0 + 300 * S))).isEqualTo(16);
    }

    @Test
    void label_matchers_select_series_by_equality_and_regular_expression() {
        series("up", Map.of("job", "api", "instance", "a:1"), i -> 1);
        series("up", Map.of("job", "api", "instance", "b:1"), i -> 0);
        series("up", Map.of("job", "db", "instance", "c:1"), i -> 1);

        assertThat(engine.instant("up{job=\"api\"}", T0).rows()).hasSize(2);
        assertThat(engine.instant("up{job!=\"api\"}", T0).rows()).hasSize(1);
        assertThat(engine.instant("up{instance=~\"(a|c):.*\"}", T0).rows()).hasSize(2);
        assertThat(engine.instant("up{instance!~\"a.*\", job='api'}", T0).rows()).hasSize(1);
        assertThat(engine.instant("{__name__=\"up\"}", T0).rows()).hasSize(3);
        assertThat(engine.instant("count(up == 1)", T0).rows().get(0).values()[0]).isEqualTo(2);
    }

    @Test
    void invalid_queries_say_what_is_wrong_and_where() {
        assertThatThrownBy(() -> engine.instant("rate(x)", T0)).isInstanceOf(QueryException.class)
                .hasMessageContaining("rate() takes one range selector");
        assertThatThrownBy(() -> engine.instant("sum(rate(x[5m])", T0)).hasMessageContaining("expected ')'")
                .hasMessageContaining("position 15");
        assertThatThrownBy(() -> engine.instant("frobnicate(x)", T0)).hasMessageContaining("unknown function");
        assertThatThrownBy(() -> engine.instant("x[5m]", T0)).hasMessageContaining("must be the argument");
        assertThatThrownBy(() -> engine.instant("x{a=~\"(\"}", T0)).hasMessageContaining("invalid regular");
        assertThatThrownBy(() -> engine.instant("", T0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.range("x", T0, T0 + 100_000 * S, S)).hasMessageContaining("steps");
    }

    @Test
    void many_to_many_matching_is_refused() {
        List<OpsSamples> batch = new ArrayList<>();
        for (String pod : List.of("1", "2")) {
            batch.add(OpsSamples.one(OpsSeries.of("a", Map.of("pod", pod)), T0, 1));
            batch.add(OpsSamples.one(OpsSeries.of("b", Map.of("pod", pod, "x", pod)), T0, 1));
        }
        store.append(batch);
        assertThat(engine.instant("a / on (pod) b", T0).rows()).hasSize(2);
        assertThatThrownBy(() -> engine.instant("a / ignoring (x, pod) b", T0))
                .hasMessageContaining("several series on the right");
    }
}

package dev.observatory.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AnomaliesTest {

    /** Ten days of hourly values: level 100, a daily swing of +-20, Gaussian noise of sd 1, spikes at known hours. */
    static double[] dailySeason(Set<Integer> spikes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[240];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 20 * Math.sin(2 * Math.PI * i / 24) + gaussian(r);
            if (spikes.contains(i)) {
                v[i] += (i % 2 == 0 ? 12 : -12);
            }
        }
        return v;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static Set<Integer> spikes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> s = new TreeSet<>();
        while (s.size() < 10) {
            s.add(5 + r.nextInt(230));
        }
        return s;
    }

    @Test
    void findsInjectedSpikesInADailySeasonWithHighPrecisionAndRecall() {
        int found = 0;
        int flagged = 0;
        int injected = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Set<Integer> truth = spikes(seed * 31);
            AnomalyReport r = Anomalies.analyze(MetricSeries.of(dailySeason(truth, seed)),
                    AnomalyOptions.defaults().withPeriods(List.of(24, 168)));
            assertThat(r.method()).isEqualTo("seasonal");
            assertThat(r.period()).isEqualTo(24);
            assertThat(r.autocorrelation()).isGreaterThan(0.8);
            injected += truth.size();
            flagged += r.anomalies().size();
            found += (int) r.anomalies().stream().filter(a -> truth.contains(a.index())).count();
        }
        double recall = (double) found / injected;
        double precision = (double) found / flagged;
        assertThat(recall).isGreaterThanOrEqualTo(0.9);
        assertThat(precision).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void withoutTheSeasonTheDailySwingIsMistakenForAnomaliesOrHidesSpikes() {
        Set<Integer> truth = spikes(31);
        List<Anomaly> plain = Anomalies.detect(MetricSeries.of(dailySeason(truth, 1)), AnomalyOptions.defaults());
        long hits = plain.stream().filter(a -> truth.contains(a.index())).count();
        assertThat(plain.size() - hits + (truth.size() - hits)).isGreaterThan(3);
    }

    @Test
    void anomaliesCarryScoreExpectedValueAndBand() {
        double[] v = new double[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = 10 + (i % 3) * 0.1;
        }
        v[20] = 30;
        v[35] = Double.NaN;
        List<Anomaly> a = Anomalies.detect(MetricSeries.of(v), AnomalyOptions.defaults());
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.index()).isEqualTo(20);
            assertThat(x.value()).isEqualTo(30);
            assertThat(x.expected()).isBetween(9.9, 10.3);
            assertThat(x.upper()).isLessThan(30).isGreaterThan(x.expected());
            assertThat(x.lower()).isLessThan(x.expected());
            assertThat(x.score()).isGreaterThan(3.5);
        });
        assertThat(Anomalies.detect(MetricSeries.of(v),
                AnomalyOptions.defaults().withDirection(AnomalyOptions.Direction.DOWN))).isEmpty();
    }

    @Test
    void aLevelShiftIsFollowedByTheRollingMedian() {
        double[] v = new double[200];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = (i < 100 ? 10 : 50) + 0.5 * gaussian(r);
        }
        v[150] += 6; // 12 noise sd, but small against the 40 of the shift: a global median would miss it
        List<Anomaly> a = Anomalies.detect(MetricSeries.of(v), AnomalyOptions.defaults().withThreshold(5));
        assertThat(a).extracting(Anomaly::index).containsExactly(150);
    }

    @Test
    void shortSeriesAndBadOptionsAreHandled() {
        assertThat(Anomalies.detect(MetricSeries.of(1, 2, 100), AnomalyOptions.defaults())).isEmpty();
        assertThatThrownBy(() -> AnomalyOptions.defaults().withThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new MetricSeries(new long[] { 2, 1 }, new double[] { 1, 2 }))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> AnomalyOptions.defaults().withPeriods(List.of(1))).hasMessageContaining("period");
    }

    @Test
    void rollingMedianMatchesANaiveMedianIgnoringGaps() {
        double[] v = { 5, 1, Double.NaN, 9, 3, 7, 2, 8 };
        double[] m = RollingMedian.of(v, 3);
        assertThat(m).containsExactly(3, 3, 5, 6, 7, 3, 7, 5);
    }
}

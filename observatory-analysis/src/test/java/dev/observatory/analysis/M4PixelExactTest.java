package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** M4 must keep, for every bucket, the first, last, minimum and maximum point, and nothing else. */
class M4PixelExactTest {

    @Test
    void keepsEveryBucketsFirstLastMinAndMaxAndNothingElse() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3000);
            int buckets = 1 + random.nextInt(300);
            long[] steps = new long[n];
            double[] values = new double[n];
            long step = random.nextInt(100);
            for (int i = 0; i < n; i++) {
                step += random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(20);
                steps[i] = step;
                values[i] = random.nextInt(10) == 0 ? Double.NaN : Math.round(random.nextGaussian() * 4) / 2.0;
            }

            Downsampled chart = M4.downsample(steps, values, buckets);

            Set<Long> kept = new HashSet<>();
            for (int i = 0; i < chart.size(); i++) {
                kept.add(chart.steps()[i] * 31 + Double.hashCode(chart.values()[i]));
            }
            assertThat(chart.size()).isLessThanOrEqualTo(4 * buckets);
            assertThat(chart.steps()).isSorted();
            long lo = steps[0];
            long span = steps[n - 1] - lo;
            for (int b = 0; b < buckets; b++) {
                int first = -1;
                int last = -1;
                int min = -1;
                int max = -1;
                int members = 0;
                for (int i = 0; i < n; i++) {
                    if (M4.bucketOf(steps[i] - lo, span, buckets) != b) {
                        continue;
                    }
                    members++;
                    first = first < 0 || steps[i] < steps[first] ? i : first;
                    last = last < 0 || steps[i] >= steps[last] ? i : last;
                    if (Double.isFinite(values[i])) {
                        min = min < 0 || values[i] < values[min] ? i : min;
                        max = max < 0 || values[i] > values[max] ? i : max;
                    }
                }
                if (members == 0) {
                    continue;
                }
                for (int i : new int[] { first, last, min, max }) {
                    if (i >= 0) {
                        assertThat(kept).as("trial %d bucket %d point %d", trial, b, i)
                                .contains(steps[i] * 31 + Double.hashCode(values[i]));
                    }
                }
            }
            for (int k = 0; k < chart.size(); k++) {
                int b = M4.bucketOf(chart.steps()[k] - lo, span, buckets);
                double v = chart.values()[k];
                boolean isExtreme = false;
                for (int i = 0; i < n; i++) {
                    if (steps[i] == chart.steps()[k] && Double.compare(values[i], v) == 0
                            && M4.bucketOf(steps[i] - lo, span, buckets) == b) {
                        isExtreme = true;
                    }
                }
                assertThat(isExtreme).as("kept point %d comes from the input", k).isTrue();
            }
        }
    }
}

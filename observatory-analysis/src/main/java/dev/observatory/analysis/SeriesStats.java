package dev.observatory.analysis;

/**
 * Summary statistics of one metric series, computed in one pass (Welford's algorithm on values shifted by the first
 * finite value, which keeps the mean and std accurate for large offsets).
 * <p>
 * {@code first}/{@code last} are the points with the lowest and highest step (ties: the earlier resp. later point of
 * the input) and may be NaN or infinite. {@code nanCount} counts NaN and infinite values; min, max, mean and std are
 * over finite values only and are NaN when there are none. {@code argMinStep}/{@code argMaxStep} are the steps of the
 * first minimum/maximum in input order. {@code std} is the population standard deviation. For an empty series every
 * value is NaN and every step 0.
 */
public record SeriesStats(long count, long nanCount, long firstStep, double first, long lastStep, double last,
        double min, long argMinStep, double max, long argMaxStep, double mean, double std) {

    /** Computes the statistics of a series; steps need not be sorted. */
    public static SeriesStats of(long[] steps, double[] values) {
        Series.checkSameLength(steps, values);
        int n = steps.length;
        if (n == 0) {
            return new SeriesStats(0, 0, 0, Double.NaN, 0, Double.NaN, Double.NaN, 0, Double.NaN, 0, Double.NaN,
                    Double.NaN);
        }
        int first = 0;
        int last = 0;
        int min = -1;
        int max = -1;
        long finite = 0;
        double shift = Double.NaN;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            if (steps[i] < steps[first]) {
                first = i;
            }
            if (steps[i] >= steps[last]) {
                last = i;
            }
            double v = values[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            if (min < 0 || v < values[min]) {
                min = i;
            }
            if (max < 0 || v > values[max]) {
                max = i;
            }
            if (finite++ == 0) {
                shift = v;
            }
            double x = v - shift;
            double delta = x - mean;
            mean += delta / finite;
            m2 += delta * (x - mean);
        }
        boolean any = finite > 0;
        return new SeriesStats(n, n - finite, steps[first], values[first], steps[last], values[last],
                any ? values[min] : Double.NaN, any ? steps[min] : 0, any ? values[max] : Double.NaN,
                any ? steps[max] : 0, any ? shift + mean : Double.NaN, any ? Math.sqrt(m2 / finite) : Double.NaN);
    }
}

package dev.observatory.analysis;

/**
 * Exponential moving averages for chart smoothing.
 * <p>
 * {@code alpha} is the weight of the newest value: {@code s = alpha * x + (1 - alpha) * s}, so {@code alpha = 1} is no
 * smoothing. The "smoothing" slider of TensorBoard and Weights &amp; Biases is the weight of the past, {@code w = 1 -
 * alpha}. NaN and infinite values are passed through unchanged and do not update the average (as TensorBoard does).
 */
public final class Smoothing {

    private Smoothing() {
    }

    /** Classic EMA started at the first finite value. */
    public static double[] ema(double[] values, double alpha) {
        checkAlpha(alpha);
        double[] out = new double[values.length];
        double s = Double.NaN;
        boolean started = false;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (!Double.isFinite(x)) {
                out[i] = x;
                continue;
            }
            s = started ? alpha * x + (1 - alpha) * s : x;
            started = true;
            out[i] = s;
        }
        return out;
    }

    /**
     * Debiased EMA as TensorBoard and Weights &amp; Biases draw it: the average starts at 0 and is divided by
     * {@code 1 - (1 - alpha)^k} after k finite values, which removes the bias towards the start value (the same as
     * pandas {@code ewm(alpha=alpha, adjust=True).mean()} on finite values).
     */
    public static double[] debiasedEma(double[] values, double alpha) {
        checkAlpha(alpha);
        double[] out = new double[values.length];
        double weight = 1 - alpha;
        double s = 0;
        double pastWeight = 1;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (!Double.isFinite(x)) {
                out[i] = x;
                continue;
            }
            s = weight * s + alpha * x;
            pastWeight *= weight;
            out[i] = s / (1 - pastWeight);
        }
        return out;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException(
                    "alpha must be in (0, 1] (weight of the newest value; TensorBoard smoothing w = 1 - alpha), got "
                            + alpha);
        }
    }
}

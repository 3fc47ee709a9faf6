package dev.observatory.analysis.trend;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import dev.observatory.analysis.LinearFit;
import org.apache.commons.math3.distribution.NormalDistribution;

/** The train/eval gap analysis behind {@link LearningCurves#overfitting}. */
final class Overfitting {

    static final String SOURCE = "gap_slope_t_v1";
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Overfitting() {
    }

    static OverfittingResult analyse(Curve train, Curve eval, Direction direction) {
        if (train.size() < 3) {
            return insufficient("need at least 3 finite train points, got " + train.size(), 0);
        }
        double[] smoothTrain = LearningCurves.smoothed(train.values());
        long[] ts = train.steps();
        long[] steps = new long[eval.size()];
        double[] gap = new double[eval.size()];
        double[] trainAt = new double[eval.size()];
        double[] evalValues = new double[eval.size()];
        int m = 0;
        int i = 0;
        for (int k = 0; k < eval.size(); k++) {
            long s = eval.steps()[k];
            if (s < ts[0] || s > ts[ts.length - 1]) {
                continue;
            }
            while (ts[i] < s) {
                i++;
            }
            double t = ts[i] == s || i == 0 ? smoothTrain[i]
                    : smoothTrain[i - 1]
                            + (smoothTrain[i] - smoothTrain[i - 1]) * (s - ts[i - 1]) / (ts[i] - ts[i - 1]);
            steps[m] = s;
            trainAt[m] = t;
            evalValues[m] = eval.values()[k];
            gap[m] = -direction.sign() * (evalValues[m] - t);
            m++;
        }
        if (m < 3) {
            return insufficient("need at least 3 eval points inside the train steps, got " + m, m);
        }
        double[] smoothEval = smoothShort(evalValues, m);
        int best = 0;
        for (int k = 1; k < m; k++) {
            if (direction.sign() * (smoothEval[k] - smoothEval[best]) > 0) {
                best = k;
            }
        }
        int from = Math.min(m / 2, m - 3);
        LinearFit fit = LinearFit.of(steps, gap, from, m);
        double t = fit.tStatistic();
        double worsening = -direction.sign() * (smoothEval[m - 1] - smoothEval[best])
                / Math.max(Math.abs(smoothEval[best]), 1e-12);
        double trainGain = direction.sign() * (trainAt[m - 1] - trainAt[best])
                / Math.max(Math.abs(trainAt[best]), 1e-12);
        String signal = "none";
        if (t > 2 && worsening > 0.02 && trainGain > 0) {
            signal = "overfitting";
        } else if (t > 2) {
            signal = "watch";
        }
        double tClamped = Double.isFinite(t) ? t : Math.copySign(50, t);
        double confidence = "none".equals(signal) ? NORMAL.cumulativeProbability(2 - tClamped)
                : NORMAL.cumulativeProbability(tClamped - 2) * 0.5 + 0.5;
        return new OverfittingResult(AnalysisStatus.OK, "", signal, "overfitting".equals(signal) ? steps[best] : null,
                m, gap[0], gap[m - 1], fit.slope() * 1000, tClamped, steps[best], worsening, trainGain,
                round(confidence), SOURCE);
    }

    /** EMA over the (few) eval points with a span of 3 points, enough to keep one noisy eval from being "best". */
    private static double[] smoothShort(double[] values, int m) {
        double[] out = new double[m];
        double alpha = 0.5;
        out[0] = values[0];
        for (int i = 1; i < m; i++) {
            out[i] = alpha * values[i] + (1 - alpha) * out[i - 1];
        }
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static OverfittingResult insufficient(String message, int aligned) {
        return new OverfittingResult(AnalysisStatus.INSUFFICIENT_DATA, message, "none", null, aligned, null, null, null,
                null, null, null, null, null, SOURCE);
    }
}

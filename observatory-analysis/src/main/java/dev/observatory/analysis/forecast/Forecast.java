package dev.observatory.analysis.forecast;

import dev.observatory.analysis.AnalysisStatus;
import java.util.List;

/**
 * A projected value of a metric at a target step.
 *
 * @param status
 *            OK, INSUFFICIENT_DATA (fewer than {@link Forecasts#MIN_POINTS} finite points, or no model could be fitted)
 *            or CONSTANT_SERIES (the projection is the constant, interval of width 0, model "constant"); numeric fields
 *            are null when the status is INSUFFICIENT_DATA
 * @param message
 *            why the status is not OK; empty when OK
 * @param model
 *            the chosen model: "power_law" ({@code c + a (step + s0)^-b}), "exponential" ({@code c + a e^(-b step)}),
 *            "log_linear" ({@code a + b ln(step + s0)}) or "constant"
 * @param targetStep
 *            the step projected to
 * @param projected
 *            the model's value at the target step, metric units
 * @param lower
 *            lower end of the interval (about 95%), metric units
 * @param upper
 *            upper end of the interval
 * @param intervalSource
 *            how the interval was derived: "holdout_rmse_and_refit_shift_v1" (1.96 x the held-out RMSE, plus how far
 *            the projection moved between the fit without and with the held-out tail, scaled by the extrapolation
 *            distance)
 * @param holdoutRmse
 *            the chosen model's root mean square error on the held-out tail (last 20% of the observed steps), fitted on
 *            the rest
 * @param lastObservedStep
 *            the last finite step used
 * @param candidates
 *            every model tried with its held-out RMSE (null when it could not be fitted), best first
 */
public record Forecast(AnalysisStatus status, String message, String model, long targetStep, Double projected,
        Double lower, Double upper, String intervalSource, Double holdoutRmse, Long lastObservedStep,
        List<Candidate> candidates) {

    /** One fitted model: its name, held-out RMSE (null when the fit failed) and parameters (model order). */
    public record Candidate(String model, Double holdoutRmse, double[] parameters) {
    }
}

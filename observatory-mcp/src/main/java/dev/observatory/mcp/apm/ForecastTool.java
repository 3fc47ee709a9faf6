package dev.observatory.mcp.apm;

import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.analysis.capacity.Capacity;
import dev.observatory.analysis.capacity.CapacityForecast;
import dev.observatory.core.apm.SeriesSource;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** capacity_forecast: a robust trend of a series and when it crosses a threshold. */
final class ForecastTool {
    private ForecastTool() {
    }

    static ToolDef definition() {
        List<Param> params = new ArrayList<>(SeriesArgs.params("request_rate", "7d"));
        params.add(Param.number("threshold", "The level whose crossing to forecast (e.g. 0.9 for 90% memory, or a"
                + " request rate the service is sized for).").required());
        params.add(Param.bool("log_scale", "Fit ln(value): for growth by a factor per unit of time (values > 0)."));
        params.add(Param.number("confidence", "Confidence of the interval (0.5-0.99).").between(0.5, 0.99)
                .defaultsTo(0.95));
        InputSchema in = InputSchema.of(params.toArray(Param[]::new));
        Map<String, Object> out = Schemas.object("capacity forecast").prop("series", string("what was read"), true)
                .prop("unit", string("of x: step or epoch_ms"), true).prop("points", integer(null), true)
                .prop("status", string("will_cross, already_crossed or never"), true)
                .prop("message", string("what the numbers mean"), true)
                .prop("slope_per_unit", number("change per x unit (of ln(value) on log scale)"), true)
                .prop("slope_per_day", number("when x is time")).prop("slope_low", number("interval"), true)
                .prop("slope_high", number("interval"), true).prop("last_value", number("trend at the last point"))
                .prop("residual_sigma", number("robust spread around the trend"), true)
                .prop("crossing_x", integer(null)).prop("crossing_at", string("ISO-8601"))
                .prop("earliest_x", integer(null)).prop("earliest_at", string("ISO-8601"))
                .prop("latest_x", integer("absent when the slow end never crosses"))
                .prop("latest_at", string("ISO-8601")).prop("log_scale", bool(null), true)
                .prop("truncated", bool("the series was cut to its latest points"), true).build();
        return new ToolDef("capacity_forecast", "ops", "Forecast capacity",
                "The trend of a resource or load metric (a run metric such as GPU memory, or a service's request"
                        + " rate, error rate or latency per bucket) by robust Theil-Sen regression, optionally on"
                        + " log scale, and when it crosses a threshold, with an interval from the slope's"
                        + " confidence interval and the spread around the trend. Says clearly when the trend is"
                        + " flat or moving away and never crosses, or crossed already.",
                in, out, Hints.READ_ONLY, ForecastTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        SeriesSource s = SeriesArgs.read(args, ctx);
        CapacityForecast f = Capacity.forecast(s.series().x(), s.series().values(), args.number("threshold"),
                args.bool("log_scale"), args.number("confidence"));
        boolean time = "epoch_ms".equals(s.unit());
        return Obj.of().with("series", s.name()).with("unit", s.unit()).with("points", f.points())
                .with("status", f.status().name().toLowerCase(Locale.ROOT)).with("message", f.message())
                .with("slope_per_unit", ApmArgs.round(f.slope()))
                .with("slope_per_day", time ? ApmArgs.round(f.slope() * 86_400_000.0) : null)
                .with("slope_low", ApmArgs.round(f.slopeLow())).with("slope_high", ApmArgs.round(f.slopeHigh()))
                .with("last_value", ApmArgs.round(f.lastFitted()))
                .with("residual_sigma", ApmArgs.round(f.residualSigma())).with("crossing_x", f.crossingX())
                .with("crossing_at", SeriesArgs.at(s, f.crossingX())).with("earliest_x", f.earliestX())
                .with("earliest_at", SeriesArgs.at(s, f.earliestX())).with("latest_x", f.latestX())
                .with("latest_at", SeriesArgs.at(s, f.latestX())).with("log_scale", f.logScale())
                .with("truncated", s.truncated());
    }
}

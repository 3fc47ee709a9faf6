package dev.observatory.core.analysis;

import java.util.Map;

/**
 * How the bands of a delta were derived: {@code id} is versioned ("absolute_delta_thresholds_v1": |delta| in score
 * points <= negligible_lte is "negligible", <= moderate_lte "moderate", above "large"), so consumers can detect a
 * change of method; read the thresholds from here rather than hard-coding them.
 */
public record BandSource(String id, String units, Map<String, Double> thresholds) {
    /** The only band source so far. */
    public static final BandSource ABSOLUTE_V1 = new BandSource("absolute_delta_thresholds_v1", "score_points",
            Scoring.ordered("negligible_lte", 2.0, "moderate_lte", 8.0, "large_gt", 8.0));

    /** The band of a delta. */
    public String band(double delta) {
        double a = Math.abs(delta);
        return a <= thresholds.get("negligible_lte") ? "negligible"
                : a <= thresholds.get("moderate_lte") ? "moderate" : "large";
    }
}

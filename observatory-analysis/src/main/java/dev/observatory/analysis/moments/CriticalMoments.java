package dev.observatory.analysis.moments;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Critical moments of a training curve: breakthroughs, drops, plateaus and divergences, each with step, magnitude,
 * confidence and where the confidence comes from ({@link CriticalMoment}).
 * <p>
 * Method: NaN/infinite values mark a divergence at the first one (when the series stays non-finite; a few isolated ones
 * are reported with confidence 0.5). The finite part is averaged into at most {@link MomentOptions#maxPoints}
 * equal-width step buckets, moved to "improvement space" (log when every value is positive; negated when higher is
 * better) and cleaned of isolated spikes. Then {@link DivergenceDetector} looks for a blow-up, {@link JumpDetector} for
 * level shifts before it and {@link PlateauDetector} for stalls; see each class. Cost: O(n) for the bucketing plus
 * O(maxPoints) for the detectors.
 * <p>
 * Input: steps and values of different lengths throw {@link IllegalArgumentException}; unsorted and duplicate steps and
 * NaN values are handled as {@link Curve#of} describes; fewer than {@link #MIN_POINTS} finite points or a constant
 * series give a report with that status (and any divergence), never an exception.
 */
public final class CriticalMoments {

    /** Finite points the change detectors need. */
    public static final int MIN_POINTS = 16;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private CriticalMoments() {
    }

    /** {@link #detect(long[], double[], Direction, MomentOptions)} with {@link MomentOptions#DEFAULTS}. */
    public static CriticalMomentReport detect(long[] steps, double[] values, Direction direction) {
        return detect(steps, values, direction, MomentOptions.DEFAULTS);
    }

    /** Finds the critical moments of one series; see the class comment. */
    public static CriticalMomentReport detect(long[] steps, double[] values, Direction direction,
            MomentOptions options) {
        if (direction == null || options == null) {
            throw new IllegalArgumentException("direction and options must not be null");
        }
        Curve curve = Curve.of(steps, values);
        List<CriticalMoment> moments = new ArrayList<>();
        Curve region = curve;
        CriticalMoment nonFinite = null;
        if (curve.hasNonFinite()) {
            nonFinite = nonFiniteMoment(curve);
            if (curve.nonFiniteTailFraction() >= 0.5) {
                region = curve.head(curve.indexAtOrAfter(curve.firstNonFiniteStep()));
            }
        }
        if (region.size() < MIN_POINTS || isConstant(region.values())) {
            addIfPresent(moments, nonFinite);
            AnalysisStatus status = region.size() < MIN_POINTS ? AnalysisStatus.INSUFFICIENT_DATA
                    : AnalysisStatus.CONSTANT_SERIES;
            String message = status == AnalysisStatus.INSUFFICIENT_DATA
                    ? "need at least " + MIN_POINTS + " finite points before any divergence, got " + region.size()
                    : "every finite value is " + region.values()[0];
            return new CriticalMomentReport(status, message, direction, curve.size(), region.size(), false, null,
                    moments);
        }
        Curve bucketed = region.bucketMeans(options.maxPoints());
        Prepared p = new Prepared(bucketed, direction);
        DivergenceDetector.BlowUp blowUp = DivergenceDetector.find(p, options);
        if (blowUp != null) {
            moments.add(DivergenceDetector.moment(p, blowUp));
            nonFinite = null;
            if (blowUp.onset() + 1 < MIN_POINTS) {
                return new CriticalMomentReport(AnalysisStatus.OK, "", direction, curve.size(), blowUp.onset() + 1,
                        p.log, DivergenceDetector.round(p.noise), List.copyOf(moments));
            }
            p = new Prepared(bucketed.head(blowUp.onset() + 1), direction);
        }
        int end = p.size();
        addIfPresent(moments, nonFinite);
        JumpDetector.Result jumps = JumpDetector.find(p, end, options);
        for (JumpDetector.Jump j : jumps.jumps()) {
            moments.add(jumpMoment(p, j, options));
        }
        long runLength = Math.max(1, curve.steps()[curve.size() - 1] - curve.steps()[0]);
        for (PlateauDetector.Plateau q : PlateauDetector.find(p, end, jumps, options)) {
            moments.add(plateauMoment(p, q, options, runLength));
        }
        moments.sort(Comparator.comparingLong(CriticalMoment::step));
        return new CriticalMomentReport(AnalysisStatus.OK, "", direction, curve.size(), end, p.log,
                DivergenceDetector.round(p.noise), List.copyOf(moments));
    }

    private static CriticalMoment jumpMoment(Prepared p, JumpDetector.Jump j, MomentOptions options) {
        double before = p.toValue(j.before());
        double after = p.toValue(j.after());
        boolean better = j.jump() > 0;
        double magnitude = p.log ? Math.abs(after - before) / Math.abs(before) : Math.abs(j.jump()) / p.range;
        double confidence = NORMAL.cumulativeProbability(Math.abs(j.z()) - options.jumpZ());
        String what = better ? "improved" : "got worse";
        return new CriticalMoment(better ? MomentType.BREAKTHROUGH : MomentType.DROP, p.steps[j.index()], null, before,
                after, DivergenceDetector.round(magnitude), p.log ? "relative_change" : "scale_fraction",
                DivergenceDetector.round(Math.min(0.9999, confidence)), JumpDetector.SOURCE,
                String.format(Locale.ROOT, "the level %s from %s to %s within a few steps and stayed there (z = %.1f)",
                        what, DivergenceDetector.fmt(before), DivergenceDetector.fmt(after), Math.abs(j.z())));
    }

    private static CriticalMoment plateauMoment(Prepared p, PlateauDetector.Plateau q, MomentOptions options,
            long runLength) {
        long start = p.steps[q.start()];
        long end = p.steps[Math.min(q.end(), p.size() - 1)];
        double confidence = NORMAL.cumulativeProbability(q.z() - options.kinkZ());
        return new CriticalMoment(MomentType.PLATEAU, start, end, p.toValue(q.levelStart()), p.toValue(q.levelEnd()),
                DivergenceDetector.round((double) (end - start) / runLength), "run_fraction",
                DivergenceDetector.round(Math.min(0.9999, confidence)), PlateauDetector.SOURCE,
                "learning stalled from step " + start + " to step " + end + ", then resumed");
    }

    private static CriticalMoment nonFiniteMoment(Curve curve) {
        boolean persistent = curve.nonFiniteTailFraction() >= 0.5;
        double before = curve.size() == 0 ? 0
                : curve.values()[Math.max(0, curve.indexAtOrAfter(curve.firstNonFiniteStep()) - 1)];
        return new CriticalMoment(MomentType.DIVERGENCE, curve.firstNonFiniteStep(), null, before, null,
                DivergenceDetector.round(curve.nonFiniteTailFraction()), "non_finite_fraction", persistent ? 0.99 : 0.5,
                persistent ? "non_finite_values" : "isolated_non_finite",
                persistent ? "the metric became NaN/infinite at step " + curve.firstNonFiniteStep() + " and stayed so"
                        : curve.nonFiniteCount() + " NaN/infinite value(s), the first at step "
                                + curve.firstNonFiniteStep() + "; the run continued");
    }

    private static void addIfPresent(List<CriticalMoment> moments, CriticalMoment moment) {
        if (moment != null) {
            moments.add(moment);
        }
    }

    private static boolean isConstant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }
}

package dev.observatory.analysis.moments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Breakthroughs and drops: level shifts found with a multi-scale two-sided line test. At each boundary i and window w a
 * least-squares line is fitted to the w points before and to the w points after, both are evaluated at the boundary,
 * and their difference (the jump) is divided by its standard error under the local noise. A smooth curve, even a
 * strongly curved one, gives two lines that nearly meet; a level shift does not. The strongest jump above the threshold
 * is taken, removed from the curve (later points moved back by it) and the search repeats, so that a big shift leaves
 * no echoes. A jump must also show at half the window with at least half its size (a real shift looks the same at every
 * scale, a curvature artefact shrinks with the window), and must fit clearly better than a bend of the line
 * ({@link HingeCheck}): a plateau's corners are bends, not shifts.
 */
final class JumpDetector {

    static final String SOURCE = "jump_z_v1";
    private static final int[] SCALES = { 10, 20, 40, 80, 160 };
    private static final int MAX_JUMPS = 32;
    private static final int MAX_ATTEMPTS = 64;

    private JumpDetector() {
    }

    /** A level shift at boundary {@code index} (between index-1 and index); jump > 0 means an improvement. */
    record Jump(int index, int window, double jump, double z, double before, double after) {
    }

    /** The jumps found (by index) and the improvement-space curve with them removed. */
    record Result(List<Jump> jumps, double[] withoutJumps) {
    }

    static Result find(Prepared p, int end, MomentOptions options) {
        double[] work = Arrays.copyOf(p.y, end);
        List<Jump> kept = new ArrayList<>();
        double minJump = options.minRelativeChange() * (p.log ? 1 : p.range);
        List<Jump> rejected = new ArrayList<>();
        IndexLines lines = new IndexLines(work);
        for (int round = 0; kept.size() < MAX_JUMPS && round < MAX_ATTEMPTS; round++) {
            Jump best = strongest(lines, p.sigma, end, minJump, kept, rejected);
            if (best == null || Math.abs(best.z()) < options.jumpZ()) {
                break;
            }
            int w = best.window();
            int i = best.index();
            double advantage = HingeCheck.stepAdvantage(lines, i, w, Math.max(p.sigma[i - 1], p.sigma[i]));
            if (advantage < options.jumpZ() * options.jumpZ() / 2) {
                rejected.add(best);
                continue;
            }
            double before = p.predict(Math.max(0, i - w), i, i - 0.5);
            double after = p.predict(i, Math.min(p.size(), i + w), i - 0.5);
            kept.add(new Jump(i, w, best.jump(), best.z(), before, after));
            for (int k = i; k < end; k++) {
                work[k] += best.jump();
            }
            lines = new IndexLines(work);
        }
        kept.sort(Comparator.comparingInt(Jump::index));
        return new Result(merge(kept, Math.max(5, end / 100), minJump, p), work);
    }

    private static Jump strongest(IndexLines lines, double[] sigma, int m, double minJump, List<Jump> kept,
            List<Jump> rejected) {
        Jump best = null;
        for (int w : SCALES) {
            if (2 * w > m) {
                break;
            }
            double v = 1.0 / w + 3.0 * w / ((double) w * w - 1);
            for (int i = w; i <= m - w; i++) {
                double jump = lines.predict(i - w, i, i - 0.5) - lines.predict(i, i + w, i - 0.5);
                if (Math.abs(jump) < minJump) {
                    continue;
                }
                double left = Math.max(sigma[i - 1], lines.residualSigma(i - w, i));
                double right = Math.max(sigma[Math.min(i, m - 1)], lines.residualSigma(i, i + w));
                double se = Math.sqrt(v * (sq(left) + sq(right)));
                double z = jump / se;
                if ((best == null || Math.abs(z) > Math.abs(best.z())) && consistent(lines, i, w, jump, m)
                        && !near(kept, i) && !rejectedNear(rejected, i)) {
                    best = new Jump(i, w, jump, z, 0, 0);
                }
            }
        }
        return best;
    }

    /** Whether the jump at half the window (best of i-1..i+1) has the same sign and at least half the size. */
    private static boolean consistent(IndexLines lines, int i, int w, double jump, int m) {
        int h = w / 2;
        if (h < 5) {
            return true;
        }
        for (int k = Math.max(h, i - 1); k <= Math.min(m - h, i + 1); k++) {
            double half = lines.predict(k - h, k, k - 0.5) - lines.predict(k, k + h, k - 0.5);
            if (half / jump >= 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jumps closer than {@code gap} points are one event spread over a few points (a ramp, or a shift and its
     * correction): they become one jump at the first index with the summed size, dropped if that is below
     * {@code minJump}.
     */
    private static List<Jump> merge(List<Jump> jumps, int gap, double minJump, Prepared p) {
        List<Jump> out = new ArrayList<>();
        int k = 0;
        while (k < jumps.size()) {
            Jump first = jumps.get(k);
            Jump last = first;
            double sum = first.jump();
            double z = first.z();
            int next = k + 1;
            while (next < jumps.size() && jumps.get(next).index() - last.index() < gap) {
                last = jumps.get(next);
                sum += last.jump();
                z = Math.abs(last.z()) > Math.abs(z) ? last.z() : z;
                next++;
            }
            if (Math.abs(sum) >= minJump) {
                int i = first.index();
                int w = Math.max(first.window(), last.window());
                out.add(next == k + 1 ? first
                        : new Jump(i, w, sum, Math.copySign(Math.abs(z), sum),
                                p.predict(Math.max(0, i - w), i, i - 0.5),
                                p.predict(last.index(), Math.min(p.size(), last.index() + w), last.index() - 0.5)));
            }
            k = next;
        }
        return List.copyOf(out);
    }

    private static boolean rejectedNear(List<Jump> rejected, int i) {
        for (Jump r : rejected) {
            if (Math.abs(r.index() - i) <= Math.max(2, r.window() / 2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean near(List<Jump> kept, int i) {
        for (Jump k : kept) {
            if (Math.abs(k.index() - i) < 3) {
                return true;
            }
        }
        return false;
    }

    private static double sq(double x) {
        return x * x;
    }
}

package dev.observatory.analysis.moments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plateaus: learning stalls and then resumes. Works on the improvement-space curve with the detected level shifts taken
 * out, with the slope-change statistic {@code z = (slope before - slope after) / its standard error} of w-point lines
 * on either side of each boundary, at several w.
 * <ul>
 * <li>End: a sharp acceleration (z above {@code kinkZ}): the line after is itself significantly improving and the line
 * before is at most a third as steep, rising or falling. Smooth learning curves only ever slow down, so they do not
 * trigger this.</li>
 * <li>Start: a CUSUM change point walking back from the end, where the curve leaves the plateau's level (see
 * {@link #start}).</li>
 * <li>Check: the stretch in between is flatter (either way) than a third of the slope after it.</li>
 * </ul>
 */
final class PlateauDetector {

    static final String SOURCE = "slope_change_z_v1";
    private static final int[] SCALES = { 20, 40, 80, 160 };

    private PlateauDetector() {
    }

    /** A plateau over indices [start, end): learning resumes at end. */
    record Plateau(int start, int end, double z, double levelStart, double levelEnd) {
    }

    static List<Plateau> find(Prepared p, int end, JumpDetector.Result jumpResult, MomentOptions options) {
        List<JumpDetector.Jump> jumps = jumpResult.jumps();
        IndexLines lines = new IndexLines(jumpResult.withoutJumps());
        double[][] byScale = new double[SCALES.length][];
        double[] accel = new double[end];
        int[] accelW = new int[end];
        for (int k = 0; k < SCALES.length; k++) {
            int w = SCALES[k];
            byScale[k] = new double[end];
            if (2 * w > end) {
                continue;
            }
            for (int i = w; i <= end - w; i++) {
                double sl = lines.slope(i - w, i);
                double sr = lines.slope(i, i + w);
                double se = IndexLines.slopeError(Math.max(p.sigma[i - 1], p.sigma[Math.min(i, end - 1)]), w);
                double z = (sl - sr) / (se * Math.sqrt(2));
                if (sr / se <= -3 && Math.abs(sl) <= -sr / 3) {
                    byScale[k][i] = z;
                    if (z > accel[i]) {
                        accel[i] = z;
                        accelW[i] = w;
                    }
                }
            }
        }
        int minLength = Math.max(3, (int) Math.ceil(options.minPlateauFraction() * end));
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i < end; i++) {
            if (accel[i] >= options.kinkZ() && isPeak(accel, i, Math.max(5, accelW[i] / 2))) {
                int refined = refine(byScale, i, accelW[i], options.kinkZ());
                if (!nearJump(refined, jumps, accelW[i]) && !ends.contains(refined)) {
                    ends.add(refined);
                }
            }
        }
        ends.sort(Comparator.comparingDouble(i -> -accel[i]));
        List<Plateau> found = new ArrayList<>();
        for (int b : ends) {
            if (insideFound(b, found)) {
                continue;
            }
            int floor = floorFor(b, jumps, found);
            int a = start(p, lines, b, floor, minLength);
            if (a < 0) {
                continue;
            }
            int w = accelW[b];
            double sr = lines.slope(b, Math.min(end, b + w));
            if (Math.abs(lines.slope(a, b)) > -sr / 3) {
                continue;
            }
            int half = Math.max(2, (b - a) / 10);
            found.add(new Plateau(a, b, accel[b], lines.mean(a, a + half), lines.mean(b - half, b)));
        }
        found.sort(Comparator.comparingInt(Plateau::start));
        return found;
    }

    /**
     * Where the plateau ending at {@code b} starts: its level P is the mean of the last {@code minLength} points before
     * b; walking back from there, the cumulative sum of {@code y - P - sigma / 2} falls while the curve stays on the
     * plateau and rises once it climbs back up the descent that led into it, so its minimum marks the start (a CUSUM
     * change point). -1 when the curve never leaves the plateau level before {@code floor}.
     */
    private static int start(Prepared p, IndexLines lines, int b, int floor, int minLength) {
        int top = b - minLength;
        if (top <= floor) {
            return -1;
        }
        double level = lines.mean(top, b);
        double sum = 0;
        double min = 0;
        int at = -1;
        for (int x = top - 1; x >= floor; x--) {
            sum += p.y[x] - level - p.sigma[x] / 2;
            if (sum < min) {
                min = sum;
                at = x;
            }
        }
        return at;
    }

    /**
     * The location of a slope change found at {@code i} with window {@code w}, taken from the smallest window at which
     * it is significant within w/2 of i (large windows are sensitive but blur the location).
     */
    private static int refine(double[][] byScale, int i, int w, double kinkZ) {
        for (int k = 0; k < SCALES.length && SCALES[k] < w; k++) {
            int best = -1;
            for (int j = Math.max(0, i - w / 2); j <= Math.min(byScale[k].length - 1, i + w / 2); j++) {
                if (byScale[k][j] >= kinkZ && (best < 0 || byScale[k][j] > byScale[k][best])) {
                    best = j;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return i;
    }

    private static int floorFor(int b, List<JumpDetector.Jump> jumps, List<Plateau> found) {
        int floor = 0;
        for (JumpDetector.Jump j : jumps) {
            if (j.index() < b) {
                floor = Math.max(floor, j.index());
            }
        }
        for (Plateau q : found) {
            if (q.end() <= b) {
                floor = Math.max(floor, q.end());
            }
        }
        return floor;
    }

    private static boolean insideFound(int b, List<Plateau> found) {
        for (Plateau q : found) {
            if (b >= q.start() && b <= q.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean nearJump(int i, List<JumpDetector.Jump> jumps, int w) {
        for (JumpDetector.Jump j : jumps) {
            if (Math.abs(j.index() - i) < Math.max(w, j.window()) / 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPeak(double[] z, int i, int radius) {
        for (int k = Math.max(0, i - radius); k <= Math.min(z.length - 1, i + radius); k++) {
            if (z[k] > z[i] || z[k] == z[i] && k < i) {
                return false;
            }
        }
        return true;
    }
}

package dev.observatory.core.analysis;

import dev.observatory.core.image.Png;
import dev.observatory.core.MetricHistory;
import dev.observatory.model.SeriesBucket;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one metric of a run as a PNG line chart from its (M4-downsampled) history: every bucket's first, min, max and
 * last point in step order, axes with the step and value ranges, non-finite points left out (and counted in the title).
 * Runs headless.
 */
public final class ChartImage {
    static final int WIDTH = 800;
    static final int HEIGHT = 360;
    static final int LEFT = 80;
    static final int RIGHT = 20;
    static final int TOP = 36;
    static final int BOTTOM = 40;

    private ChartImage() {
    }

    /** The chart's points (step, value) in step order: each bucket's first, min, max and last, finite only. */
    static List<double[]> points(List<SeriesBucket> buckets) {
        List<double[]> out = new ArrayList<>();
        for (SeriesBucket b : buckets) {
            long[] steps = { b.firstStep(), b.minStep(), b.maxStep(), b.lastStep() };
            double[] values = { b.first(), b.min(), b.max(), b.last() };
            Integer[] order = { 0, 1, 2, 3 };
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> steps[i]));
            long prev = Long.MIN_VALUE;
            for (int i : order) {
                if (steps[i] != prev && Double.isFinite(values[i])) {
                    out.add(new double[] { steps[i], values[i] });
                }
                prev = steps[i];
            }
        }
        return out;
    }

    /** The PNG bytes of the chart of one metric. */
    public static byte[] png(String title, MetricHistory h) {
        List<double[]> pts = points(h.buckets());
        return Png.paint(WIDTH, HEIGHT, true, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            long nan = h.buckets().stream().mapToLong(SeriesBucket::nanCount).sum();
            g.drawString(title + (nan > 0 ? "  (" + nan + " NaN/Inf points not drawn)" : ""), LEFT, 22);
            draw(g, pts);
        });
    }

    private static void draw(Graphics2D g, List<double[]> pts) {
        int w = WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        g.setColor(new Color(0xF7, 0xF7, 0xF7));
        g.fillRect(LEFT, TOP, w, h);
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, w, h);
        if (pts.isEmpty()) {
            g.drawString("no finite points", LEFT + 10, TOP + 20);
            return;
        }
        double x0 = pts.getFirst()[0];
        double x1 = pts.getLast()[0];
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : pts) {
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        double dx = x1 > x0 ? x1 - x0 : 1;
        double dy = y1 > y0 ? y1 - y0 : Math.max(1e-12, Math.abs(y0));
        Path2D path = new Path2D.Double();
        for (int i = 0; i < pts.size(); i++) {
            double px = LEFT + (pts.get(i)[0] - x0) / dx * w;
            double py = TOP + h - (pts.get(i)[1] - y0) / dy * h;
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(new Color(0x1F, 0x77, 0xB4));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(path);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(label(y1), 4, TOP + 10);
        g.drawString(label(y0), 4, TOP + h);
        g.drawString("step " + (long) x0, LEFT, TOP + h + 16);
        String end = "step " + (long) x1;
        g.drawString(end, LEFT + w - g.getFontMetrics().stringWidth(end), TOP + h + 16);
    }

    static String label(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}

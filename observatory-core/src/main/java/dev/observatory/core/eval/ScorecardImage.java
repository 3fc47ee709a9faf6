package dev.observatory.core.eval;

import dev.observatory.core.image.Png;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.Locale;

/**
 * Draws a {@link Scorecard} as a PNG heatmap: policies as rows (names on the left), evaluations as columns (names
 * rotated above), each cell coloured from red (worst) through yellow to green (best) with its value printed (when the
 * scorecard has at most {@link #MAX_CELLS_WITH_VALUES} cells; larger ones get smaller cells without text), missing
 * cells grey with a cross, a colour legend with the range below. Runs headless.
 */
public final class ScorecardImage {
    static final int MARGIN = 16;
    /** Cell width with the value printed in it (small scorecards), and without. */
    static final int CELL_W = 58;
    static final int SMALL_CELL_W = 36;
    /** Largest scorecard (cells) whose cells carry their value as text. */
    static final int MAX_CELLS_WITH_VALUES = 1500;
    static final int MAX_LABEL_W = 260;
    static final int MAX_HEADER_H = 170;
    static final Color MISSING = new Color(0xE0, 0xE0, 0xE0);

    private ScorecardImage() {
    }

    /** The PNG bytes of the heatmap; higher values are better unless {@code lowerIsBetter}. */
    public static byte[] png(Scorecard s, boolean lowerIsBetter) {
        int n = s.policies().size();
        int m = s.evals().size();
        boolean withValues = n * m <= MAX_CELLS_WITH_VALUES;
        int cellW = withValues ? CELL_W : SMALL_CELL_W;
        int cellH = withValues ? 18 : n > 100 ? 12 : 14;
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, cellH > 12 ? 12 : 10);
        Font value = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        Graphics2D pg = Png.measuring();
        FontMetrics fm = pg.getFontMetrics(label);
        int labelW = Math.min(MAX_LABEL_W,
                10 + s.policies().stream().mapToInt(p -> fm.stringWidth(p.name())).max().orElse(40));
        int headerH = Math.min(MAX_HEADER_H, 12 + s.evals().stream().mapToInt(fm::stringWidth).max().orElse(40));
        pg.dispose();
        int top = MARGIN + 24 + headerH;
        int left = MARGIN + labelW;
        int width = Math.max(420, left + m * cellW + MARGIN);
        int height = top + n * cellH + 60;
        return Png.paint(width, height, false, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(String.format(Locale.ROOT, "%s (%s) - %d policies x %d evaluations, %d missing", s.metric(),
                    s.aggregation().wire(), n, m, s.missing()), MARGIN, MARGIN + 10);
            headers(g, s, label, left, top, headerH, cellW);
            rows(g, s, new Font[] { label, value }, new int[] { left, top, labelW, cellW, cellH }, withValues,
                    lowerIsBetter);
            legend(g, s, left, top + n * cellH + 14, lowerIsBetter);
        });
    }

    private static void headers(Graphics2D g, Scorecard s, Font font, int left, int top, int headerH, int cellW) {
        g.setFont(font);
        g.setColor(Color.DARK_GRAY);
        AffineTransform saved = g.getTransform();
        for (int j = 0; j < s.evals().size(); j++) {
            g.setTransform(saved);
            g.translate(left + j * cellW + cellW / 2 + 4, top - 6);
            g.rotate(-Math.PI / 2);
            g.drawString(fit(g, s.evals().get(j), headerH - 8), 0, 0);
        }
        g.setTransform(saved);
    }

    /** {@code at}: left, top, label width, cell width, cell height. */
    private static void rows(Graphics2D g, Scorecard s, Font[] fonts, int[] at, boolean withValues,
            boolean lowerIsBetter) {
        int left = at[0];
        int top = at[1];
        int cellW = at[3];
        int cellH = at[4];
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < s.policies().size(); i++) {
            int y = top + i * cellH;
            g.setFont(fonts[0]);
            g.setColor(Color.BLACK);
            g.drawString(fit(g, s.policies().get(i).name(), at[2] - 10), MARGIN, y + cellH - 3);
            for (int j = 0; j < s.evals().size(); j++) {
                int x = left + j * cellW;
                double v = s.values()[i][j];
                if (s.counts()[i][j] == 0) {
                    g.setColor(MISSING);
                    g.fillRect(x, y, cellW, cellH);
                    g.setColor(Color.GRAY);
                    g.drawLine(x, y, x + cellW, y + cellH);
                    g.drawLine(x, y + cellH, x + cellW, y);
                } else {
                    Color c = color(position(v, s.min(), s.max(), lowerIsBetter));
                    g.setColor(c);
                    g.fillRect(x, y, cellW, cellH);
                    if (withValues) {
                        g.setFont(fonts[1]);
                        g.setColor(luminance(c) < 0.5 ? Color.WHITE : Color.BLACK);
                        g.drawString(format(v), x + 4, y + cellH - 5);
                    }
                }
                g.setColor(Color.WHITE);
                g.drawRect(x, y, cellW, cellH);
            }
        }
    }

    private static void legend(Graphics2D g, Scorecard s, int left, int y, boolean lowerIsBetter) {
        int w = 200;
        for (int k = 0; k < w; k++) {
            g.setColor(color(lowerIsBetter ? 1 - k / (double) (w - 1) : k / (double) (w - 1)));
            g.fillRect(left + k, y, 1, 12);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(Double.isNaN(s.min()) ? "no values" : format(s.min()), left, y + 26);
        String hi = Double.isNaN(s.max()) ? "" : format(s.max());
        g.drawString(hi, left + w - g.getFontMetrics().stringWidth(hi), y + 26);
        g.setColor(MISSING);
        g.fillRect(left + w + 20, y, 12, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawString("missing (no result)", left + w + 38, y + 11);
        g.drawString(lowerIsBetter ? "green = lower = better" : "green = higher = better", left + w + 38, y + 26);
    }

    /** 0 worst .. 1 best. */
    static double position(double v, double min, double max, boolean lowerIsBetter) {
        double t = max > min ? (v - min) / (max - min) : 0.5;
        return lowerIsBetter ? 1 - t : t;
    }

    /** Red (0) through yellow (0.5) to green (1). */
    static Color color(double t) {
        double c = Math.max(0, Math.min(1, t));
        if (c < 0.5) {
            return blend(new Color(0xD7, 0x30, 0x27), new Color(0xFE, 0xE0, 0x8B), c * 2);
        }
        return blend(new Color(0xFE, 0xE0, 0x8B), new Color(0x1A, 0x98, 0x50), (c - 0.5) * 2);
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && m.stringWidth(t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }
}

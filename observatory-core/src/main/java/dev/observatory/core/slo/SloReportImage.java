package dev.observatory.core.slo;

import dev.observatory.core.image.Png;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Locale;

/**
 * Draws the error-budget burn-down of an {@link SloReport} as a PNG: the budget remaining at the end of each step
 * (blue, red once overspent), the even burn that would use the budget up exactly at the period's end (grey, dashed) and
 * the zero line. Runs headless ({@code java.awt.headless} is set to true unless the JVM was started with a value).
 */
public final class SloReportImage {
    static final int WIDTH = 760;
    static final int HEIGHT = 360;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 48;
    static final int BOTTOM = 44;

    private SloReportImage() {
    }

    /** The PNG bytes of the report's burn-down chart. */
    public static byte[] png(SloReport report) {
        return Png.paint(WIDTH, HEIGHT, true, g -> draw(g, report));
    }

    private static void draw(Graphics2D g, SloReport report) {
        SloStatus p = report.period();
        List<SloReport.Point> points = report.points();
        double low = Math.min(0, points.stream().mapToDouble(x -> 100 * x.budgetRemaining()).min().orElse(0));
        low = Math.max(low, -400); // an overspent budget is drawn down to -400%, then clipped
        double high = 100;
        int w = WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        long t0 = p.from().toEpochMilli();
        long span = Math.max(1, p.to().toEpochMilli() - t0);
        Scale s = new Scale(t0, span, low, high, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(String.format(Locale.ROOT,
                "SLO %s: error budget remaining %.1f%%, compliance %.3f%% (target %s%%)", p.slo().name(),
                100 * p.budgetRemaining(), p.compliancePercent(), SloMath.round(p.slo().target() * 100, 4)), LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 4; i++) {
            double v = low + (high - low) * i / 4;
            int y = s.y(v);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.setColor(Color.GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", v), 8, y + 4);
        }
        g.drawString(p.from().toString().substring(0, 16).replace('T', ' '), LEFT, HEIGHT - 16);
        String end = p.to().toString().substring(0, 16).replace('T', ' ');
        g.drawString(end, LEFT + w - g.getFontMetrics().stringWidth(end), HEIGHT - 16);
        g.setColor(new Color(200, 40, 40));
        g.drawLine(LEFT, s.y(0), LEFT + w, s.y(0));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] { 6, 5 }, 0));
        g.drawLine(s.x(t0), s.y(100), s.x(t0 + span), s.y(0));
        g.setStroke(new BasicStroke(2.4f));
        Path2D line = new Path2D.Double();
        line.moveTo(s.x(t0), s.y(100));
        for (SloReport.Point pt : points) {
            line.lineTo(s.x(pt.to().toEpochMilli()), s.y(Math.max(low, 100 * pt.budgetRemaining())));
        }
        g.setColor(p.budgetRemaining() < 0 ? new Color(200, 40, 40) : new Color(40, 90, 200));
        g.draw(line);
    }

    /** Maps time (epoch ms) and budget (%) to pixels. */
    private record Scale(long t0, long span, double low, double high, int w, int h) {
        int x(long t) {
            return LEFT + (int) Math.round((double) (t - t0) / span * w);
        }

        int y(double v) {
            return TOP + (int) Math.round((high - v) / (high - low) * h);
        }
    }
}

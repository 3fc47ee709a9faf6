package dev.observatory.core.apm;

import dev.observatory.core.image.Png;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link ServiceMap} as a PNG: services in layers from left to right (a service one step further than the
 * services calling it, by breadth-first distance from the services nobody calls), edges as arrows labelled with call
 * rate, error rate and p95. Red nodes and edges fail more than 5%, amber more than 1%. Runs headless (no display
 * needed): {@code java.awt.headless} is set to true unless the JVM was started with a value.
 */
public final class ServiceMapImage {
    /** Most services drawn; the busiest are kept. */
    public static final int MAX_NODES = 40;
    static final int BOX_W = 190;
    static final int BOX_H = 54;
    static final int COL_W = 300;
    static final int ROW_H = 90;
    static final int MARGIN = 40;

    private ServiceMapImage() {
    }

    /** The PNG bytes of the map. */
    public static byte[] png(ServiceMap map) {
        List<ServiceMap.Node> nodes = map.nodes().subList(0, Math.min(MAX_NODES, map.nodes().size()));
        Map<String, int[]> at = layout(nodes, map.edges());
        int cols = at.values().stream().mapToInt(p -> p[0]).max().orElse(0) + 1;
        int rows = at.values().stream().mapToInt(p -> p[1]).max().orElse(0) + 1;
        int width = Math.max(400, 2 * MARGIN + (cols - 1) * COL_W + BOX_W);
        int height = Math.max(200, 2 * MARGIN + 30 + (rows - 1) * ROW_H + BOX_H);
        return Png.paint(width, height, true, g -> {
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString("Service map " + map.window().from() + " .. " + map.window().to()
                    + (nodes.isEmpty() ? "  (no calls between services)" : ""), MARGIN, MARGIN - 12);
            for (ServiceMap.Edge e : map.edges()) {
                if (at.containsKey(e.caller()) && at.containsKey(e.callee())) {
                    edge(g, e, box(at.get(e.caller())), box(at.get(e.callee())));
                }
            }
            for (ServiceMap.Node n : nodes) {
                node(g, n, box(at.get(n.service())));
            }
        });
    }

    /** Column (layer) and row of every node. */
    static Map<String, int[]> layout(List<ServiceMap.Node> nodes, List<ServiceMap.Edge> edges) {
        Map<String, Integer> layer = new HashMap<>();
        Map<String, List<String>> out = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        nodes.forEach(n -> incoming.put(n.service(), 0));
        for (ServiceMap.Edge e : edges) {
            if (incoming.containsKey(e.caller()) && incoming.containsKey(e.callee())) {
                out.computeIfAbsent(e.caller(), k -> new ArrayList<>()).add(e.callee());
                incoming.merge(e.callee(), 1, Integer::sum);
            }
        }
        List<String> queue = new ArrayList<>();
        for (ServiceMap.Node n : nodes) {
            if (incoming.get(n.service()) == 0) {
                layer.put(n.service(), 0);
                queue.add(n.service());
            }
        }
        for (ServiceMap.Node n : nodes) { // services only reached through a cycle: start from the busiest
            if (!layer.containsKey(n.service())) {
                layer.put(n.service(), queue.isEmpty() ? 0 : 1);
                queue.add(n.service());
            }
            for (int i = 0; i < queue.size(); i++) {
                String s = queue.get(i);
                for (String c : out.getOrDefault(s, List.of())) {
                    if (!layer.containsKey(c)) {
                        layer.put(c, layer.get(s) + 1);
                        queue.add(c);
                    }
                }
            }
        }
        Map<Integer, Integer> used = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        for (ServiceMap.Node n : nodes) {
            int col = layer.get(n.service());
            int row = used.merge(col, 1, Integer::sum) - 1;
            at.put(n.service(), new int[] { col, row });
        }
        return at;
    }

    private static int[] box(int[] cell) {
        return new int[] { MARGIN + cell[0] * COL_W, MARGIN + 20 + cell[1] * ROW_H };
    }

    private static Color health(double errorRate) {
        return errorRate > 0.05 ? new Color(0xD3, 0x2F, 0x2F)
                : errorRate > 0.01 ? new Color(0xF5, 0x9E, 0x0B) : new Color(0x2E, 0x7D, 0x32);
    }

    private static void node(Graphics2D g, ServiceMap.Node n, int[] p) {
        g.setColor(new Color(0xF4, 0xF6, 0xF8));
        g.fillRoundRect(p[0], p[1], BOX_W, BOX_H, 12, 12);
        g.setColor(health(n.red().errorRate()));
        g.setStroke(new BasicStroke(2f));
        g.drawRoundRect(p[0], p[1], BOX_W, BOX_H, 12, 12);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(fit(g, n.service(), BOX_W - 16), p[0] + 8, p[1] + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.2f req/s  err %.1f%%  p95 %.0f ms", n.red().ratePerSecond(),
                100 * n.red().errorRate(), n.red().p95Ms()), p[0] + 8, p[1] + 40);
    }

    private static void edge(Graphics2D g, ServiceMap.Edge e, int[] from, int[] to) {
        double x1 = from[0] + BOX_W;
        double y1 = from[1] + BOX_H / 2.0;
        double x2 = to[0];
        double y2 = to[1] + BOX_H / 2.0;
        if (to[0] <= from[0]) { // same or earlier layer: go around below
            x1 = from[0] + BOX_W / 2.0;
            y1 = from[1] + BOX_H;
            x2 = to[0] + BOX_W / 2.0;
            y2 = to[1] + BOX_H;
        }
        g.setColor(health(e.errorRate()));
        g.setStroke(new BasicStroke((float) Math.min(6, 1 + Math.log10(1 + e.calls()))));
        Path2D path = new Path2D.Double();
        path.moveTo(x1, y1);
        double mx = (x1 + x2) / 2;
        if (to[0] <= from[0]) {
            path.curveTo(x1, y1 + 40, x2, y2 + 40, x2, y2);
        } else {
            path.curveTo(mx, y1, mx, y2, x2, y2);
        }
        g.draw(path);
        double angle = to[0] <= from[0] ? -Math.PI / 2 : 0;
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - 10 * Math.cos(angle - 0.4), y2 - 10 * Math.sin(angle - 0.4));
        head.lineTo(x2 - 10 * Math.cos(angle + 0.4), y2 - 10 * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.2f/s err %.1f%% p95 %.0fms", e.ratePerSecond(), 100 * e.errorRate(),
                e.p95Ms()), (float) mx - 60, (float) ((y1 + y2) / 2) - 6);
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

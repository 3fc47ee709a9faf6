package dev.observatory.core.opsmetrics.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one Grafana dashboard (JSON model, {@link GrafanaDashboards#SCHEMA_VERSION}): panels laid out left to right on
 * the 24-column grid, wrapping to a new row, so no two panels overlap; every panel and target uses the datasource input
 * {@code DS_PROMETHEUS} (chosen when the dashboard is imported).
 */
final class DashboardBuilder {
    static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${DS_PROMETHEUS}");
    private final List<Map<String, Object>> panels = new ArrayList<>();
    private int x;
    private int y;
    private int rowHeight;

    /** A time series panel of half the width. */
    DashboardBuilder timeseries(String title, String unit, String... exprAndLegend) {
        return panel("timeseries", title, unit, 12, 8, exprAndLegend);
    }

    /** A stat panel of a quarter of the width. */
    DashboardBuilder stat(String title, String unit, String expr) {
        return panel("stat", title, unit, 6, 4, expr, "");
    }

    /** A panel; {@code exprAndLegend} alternates query and legend format. */
    DashboardBuilder panel(String type, String title, String unit, int w, int h, String... exprAndLegend) {
        if (x + w > 24) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", panels.size() + 1);
        p.put("type", type);
        p.put("title", title);
        p.put("datasource", DATASOURCE);
        p.put("gridPos", Map.of("x", x, "y", y, "w", w, "h", h));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < exprAndLegend.length; i += 2) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("refId", String.valueOf((char) ('A' + i / 2)));
            t.put("datasource", DATASOURCE);
            t.put("expr", exprAndLegend[i]);
            t.put("legendFormat", exprAndLegend[i + 1].isEmpty() ? "__auto" : exprAndLegend[i + 1]);
            t.put("range", true);
            targets.add(t);
        }
        p.put("targets", targets);
        p.put("fieldConfig", Map.of("defaults", Map.of("unit", unit), "overrides", List.of()));
        p.put("options", type.equals("stat") ? Map.of("reduceOptions", Map.of("calcs", List.of("lastNotNull")))
                : Map.of("legend", Map.of("displayMode", "list", "placement", "bottom")));
        panels.add(p);
        x += w;
        rowHeight = Math.max(rowHeight, h);
        return this;
    }

    /** The dashboard JSON model with its import input. */
    Map<String, Object> build(String uid, String title, List<String> tags) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__inputs",
                List.of(Map.of("name", "DS_PROMETHEUS", "label", "Prometheus", "description",
                        "Prometheus-compatible data source with these metrics", "type", "datasource", "pluginId",
                        "prometheus", "pluginName", "Prometheus")));
        d.put("__requires", List.of(Map.of("type", "grafana", "id", "grafana", "name", "Grafana", "version", "10.4.0"),
                Map.of("type", "datasource", "id", "prometheus", "name", "Prometheus", "version", "1.0.0")));
        d.put("id", null);
        d.put("uid", uid);
        d.put("title", title);
        d.put("tags", tags);
        d.put("timezone", "browser");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        d.put("schemaVersion", GrafanaDashboards.SCHEMA_VERSION);
        d.put("version", 1);
        d.put("refresh", "1m");
        d.put("time", Map.of("from", "now-6h", "to", "now"));
        d.put("templating", Map.of("list", List.of()));
        d.put("annotations", Map.of("list", List.of()));
        d.put("panels", panels);
        return d;
    }
}

package dev.observatory.mcp;

import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolDef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders docs/mcp-tools.md from the tool definitions themselves, so the catalogue cannot drift from the code
 * ({@code ToolCatalogDocTest} fails when the checked-in file differs; {@code ./observatory tools --markdown} prints
 * it).
 */
public final class ToolCatalogMarkdown {

    private ToolCatalogMarkdown() {
    }

    public static String render() {
        List<ToolDef> all = ToolCatalog.all();
        StringBuilder sb = new StringBuilder();
        sb.append("# MCP tool catalogue\n\n");
        sb.append("Generated from the tool definitions (`./observatory tools --markdown`); do not edit by hand.\n");
        sb.append("Every tool returns `structuredContent` matching its output schema plus the same JSON as text, ")
                .append("bounded to the output budget (`truncated` and `next_cursor` when cut).\n\n");
        sb.append("| toolset | tools | what it covers |\n| --- | --- | --- |\n");
        for (String ts : Toolsets.names()) {
            List<String> names = all.stream().filter(t -> t.in(ts)).map(t -> "`" + t.name() + "`").toList();
            sb.append("| `").append(ts).append("` | ").append(names.isEmpty() ? "(none yet)" : String.join(", ", names))
                    .append(" | ").append(Toolsets.description(ts).replace("|", "\\|")).append(" |\n");
        }
        for (ToolDef t : all) {
            sb.append("\n## `").append(t.name()).append("`\n\n");
            sb.append("Toolset `").append(t.toolset()).append('`');
            t.alsoIn().forEach(ts -> sb.append(", also in `").append(ts).append('`'));
            sb.append(" · ").append(hints(t)).append("\n\n");
            sb.append(t.description()).append("\n\n");
            List<Param> params = t.input().params();
            if (params.isEmpty()) {
                sb.append("No arguments.\n");
                continue;
            }
            sb.append("| argument | type | required | description |\n| --- | --- | --- | --- |\n");
            for (Param p : params) {
                sb.append("| `").append(p.name()).append("` | ").append(type(p)).append(" | ")
                        .append(p.mandatory() ? "yes" : "no").append(" | ").append(describe(p)).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String hints(ToolDef t) {
        return (t.hints().readOnly() ? "read-only" : "writes") + (t.hints().destructive() ? ", destructive" : "")
                + (t.hints().idempotent() ? ", idempotent" : "");
    }

    private static String type(Param p) {
        return switch (p.type()) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case STRING_ARRAY -> "string[]";
            case SCALAR_MAP -> "object";
        };
    }

    private static String describe(Param p) {
        StringBuilder d = new StringBuilder(p.description().replace("|", "\\|").replace("\n", " "));
        if (!p.enumValues().isEmpty()) {
            d.append(" One of: ")
                    .append(p.enumValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")))
                    .append('.');
        }
        if (p.min() != null || p.max() != null) {
            d.append(" Range: ").append(p.min() == null ? "" : p.min()).append("..")
                    .append(p.max() == null ? "" : p.max()).append('.');
        }
        if (p.defaultValue() != null) {
            d.append(" Default: `").append(p.defaultValue()).append("`.");
        }
        return d.toString();
    }
}

package dev.observatory.server;

import dev.observatory.mcp.ToolCatalog;
import dev.observatory.mcp.ToolCatalogMarkdown;
import dev.observatory.mcp.tool.ToolDef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tools", description = "List the MCP tools by toolset (--markdown prints docs/mcp-tools.md).")
final class ToolsCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "Print the full catalogue as Markdown.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (markdown) {
            spec.commandLine().getOut().print(ToolCatalogMarkdown.render());
            return 0;
        }
        for (ToolDef t : ToolCatalog.all()) {
            spec.commandLine().getOut().printf("%-10s %-20s %s%n", t.toolset(), t.name(), t.title());
        }
        return 0;
    }
}

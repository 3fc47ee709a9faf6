package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.ToolDef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ToolCatalogDocTest {
    private static final Path DOC = Path.of("..", "docs", "mcp-tools.md");

    @Test
    void checkedInCatalogueMatchesTheToolDefinitions() throws Exception {
        String expected = ToolCatalogMarkdown.render();
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(DOC, expected);
        }
        assertThat(Files.exists(DOC)).as("docs/mcp-tools.md exists").isTrue();
        assertThat(Files.readString(DOC))
                .as("docs/mcp-tools.md is stale: regenerate it with"
                        + " ./mvnw -pl observatory-mcp test -Dtest=ToolCatalogDocTest -Dregenerate=true")
                .isEqualTo(expected);
    }

    @Test
    void everyToolIsDocumentedWithItsArguments() {
        String md = ToolCatalogMarkdown.render();
        for (ToolDef t : ToolCatalog.all()) {
            assertThat(md).contains("## `" + t.name() + "`");
            t.input().params().forEach(p -> assertThat(md).contains("| `" + p.name() + "` |"));
        }
    }
}

package dev.observatory.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Image content blocks (ToolImage) travel through a real MCP call over HTTP, next to the structured content. */
class McpImageContentTest {
    static McpTestServer s;
    static McpSyncClient client;

    @BeforeAll
    static void start() {
        s = new McpTestServer();
        long now = McpTestServer.NOW.getEpochSecond() * 1_000_000_000L;
        List<Span> spans = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            String id = String.format("%032x", t + 1);
            long start = now - (t + 1) * 60_000_000_000L;
            spans.add(new Span(id, "0000000000000001", null, "web", "GET /", SpanKind.SERVER, start, start + 50_000_000,
                    SpanStatus.OK, null, Map.of(), Map.of(), "", "", List.of(), List.of()));
            spans.add(new Span(id, "0000000000000002", "0000000000000001", "api", "GET /api", SpanKind.SERVER,
                    start + 1_000_000, start + 40_000_000, t == 0 ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of(),
                    Map.of(), "", "", List.of(), List.of()));
        }
        s.store.traces().append(spans);
        client = s.client("?toolsets=core,ops");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceMapArrivesAsStructuredContentTextAndAPngImage() throws Exception {
        CallToolResult r = client.callTool(new CallToolRequest("get_service_map", Map.of("last", "1h")));
        assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
        Map<String, Object> data = (Map<String, Object>) r.structuredContent();
        assertThat((List<Map<String, Object>>) data.get("edges")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("caller", "web").containsEntry("callee", "api"));
        assertThat(data).doesNotContainKey("_images");
        assertThat(r.content()).hasSize(2);
        assertThat(((TextContent) r.content().get(0)).text()).startsWith("{").doesNotContain("_images");
        ImageContent image = (ImageContent) r.content().get(1);
        assertThat(image.mimeType()).isEqualTo("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.data())));
        assertThat(png.getWidth()).isGreaterThanOrEqualTo(400);
        assertThat(png.getHeight()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void toolsWithoutImagesStillAnswerWithOneTextBlock() {
        CallToolResult r = client.callTool(new CallToolRequest("get_service_health", Map.of("last", "1h")));
        assertThat(r.isError()).isFalse();
        assertThat(r.content()).singleElement().isInstanceOf(TextContent.class);
        CallToolResult core = client.callTool(new CallToolRequest("list_projects", Map.of()));
        assertThat(core.content()).singleElement().isInstanceOf(TextContent.class);
    }
}

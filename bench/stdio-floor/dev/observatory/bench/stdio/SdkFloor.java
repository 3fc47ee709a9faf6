package dev.observatory.bench.stdio;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The MCP SDK floor of {@code bench/run-stdio-startup.sh}: the smallest stdio server the official MCP Java SDK makes
 * (the SDK version, Jackson and class path of the Observatory jar it runs with), one tool ({@code echo}), then served
 * until stdin closes. Like Observatory it skips the SDK's start-up schema pass ({@code --sdk-schema-check} keeps it).
 * Whatever Observatory spends before its {@code initialize} answer beyond this is its own start-up work.
 *
 * <pre>
 * java -cp observatory-server/target/observatory.jar:FLOOR.jar dev.observatory.bench.stdio.SdkFloor
 * </pre>
 */
public final class SdkFloor {
    private static final String INPUT_SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\","
            + "\"description\":\"What to echo\"}},\"required\":[\"text\"],\"additionalProperties\":false}";

    private SdkFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean schemaCheck = args.length > 0 && args[0].equals("--sdk-schema-check");
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        CountDownLatch eof = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(mapper, new EofSignal(System.in, eof), System.out);
        McpSchema.Tool echo = McpSchema.Tool.builder().name("echo").description("Echoes its text argument.")
                .inputSchema(mapper, INPUT_SCHEMA).build();
        var spec = McpServer.sync(transport).serverInfo("sdk-floor", "1")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(SyncToolSpecification.builder().tool(echo)
                        .callHandler((exchange, req) -> McpSchema.CallToolResult.builder()
                                .addTextContent(String.valueOf(req.arguments().get("text"))).build())
                        .build());
        if (!schemaCheck) {
            spec.jsonSchemaValidator(new NoStartupCheck());
        }
        McpSyncServer server = spec.build();
        eof.await();
        server.close();
        System.exit(0);
    }

    /** Counts the latch down when stdin ends. */
    private static final class EofSignal extends FilterInputStream {
        private final CountDownLatch eof;

        EofSignal(InputStream in, CountDownLatch eof) {
            super(in);
            this.eof = eof;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                eof.countDown();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                eof.countDown();
            }
            return n;
        }
    }

    /** As Observatory's CatalogueSchemaValidator: no meta-schema pass at build, the SDK's validator otherwise. */
    private static final class NoStartupCheck implements JsonSchemaValidator {
        @Override
        public void assertConforms(String what, Map<String, Object> schema) {
            // skipped, as in Observatory (its schemas are checked at build time)
        }

        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            return McpJsonDefaults.getSchemaValidator().validate(schema, structuredContent);
        }

        @Override
        public ValidationResponse validateSchema(Map<String, Object> schema) {
            return McpJsonDefaults.getSchemaValidator().validateSchema(schema);
        }
    }
}

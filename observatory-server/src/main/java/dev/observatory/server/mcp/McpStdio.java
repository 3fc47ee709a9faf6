package dev.observatory.server.mcp;

import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.McpExtras;
import dev.observatory.mcp.McpSettings;
import dev.observatory.mcp.ObservatoryMcp;
import dev.observatory.mcp.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdio ({@code observatory mcp}): newline-delimited JSON-RPC on stdin/stdout. Stdout carries nothing but MCP:
 * {@link #serveStandardStreams} points {@code System.out} at stderr before anything else runs, so a library that prints
 * cannot corrupt the channel (SLF4J simple logs to stderr already). The call returns when stdin reaches end of file;
 * the caller then exits the process.
 */
public final class McpStdio {
    private static final Logger LOG = LoggerFactory.getLogger(McpStdio.class);
    /** How long requests already read may still run after stdin closes. */
    private static final Duration PENDING_LIMIT = Duration.ofSeconds(60);
    private static boolean stdoutGuarded;

    private McpStdio() {
    }

    /**
     * Points {@code System.out} at stderr so that nothing else can write to the MCP channel; idempotent. Call it first
     * thing in the {@code mcp} command, before the store opens (a library printing while it loads would otherwise
     * corrupt the channel). {@link #serveStandardStreams} calls it too.
     */
    public static synchronized void guardStdout() {
        if (!stdoutGuarded) {
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
            stdoutGuarded = true;
        }
    }

    /** Serves on the process's stdin/stdout until stdin closes; afterwards {@code System.out} goes to stderr. */
    /**
     * Starts building what every stdio session needs first (the tool catalogue, Jackson and the SDK's JSON mapper) on a
     * second thread while the main thread parses the command line and opens Observatory, so that the two halves of
     * start-up run in parallel (docs/decisions/0009-stdio-startup.md, addendum 2). Harmless when repeated.
     */
    public static void warmUpInBackground() {
        Thread.ofPlatform().daemon().name("mcp-warm-up").start(() -> {
            try {
                dev.observatory.mcp.ToolCatalog.all();
                StartupTrace.mark("tool catalogue built");
                warmUpJson(McpJsonDefaults.getMapper());
                StartupTrace.mark("JSON warmed up");
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.debug("warm-up failed; the main thread will report the error", e);
            }
        });
    }

    /** The first request's JSON work (Jackson introspecting the SDK's message types), done before it arrives. */
    private static void warmUpJson(io.modelcontextprotocol.json.McpJsonMapper mapper) throws IOException {
        var request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper,
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"0\"}}}");
        mapper.convertValue(request.params(), McpSchema.InitializeRequest.class);
        mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 0,
                new McpSchema.InitializeResult("2025-06-18",
                        McpSchema.ServerCapabilities.builder().tools(false).build(),
                        new McpSchema.Implementation("observatory", "0"), "warm-up"),
                null));
    }

    public static void serveStandardStreams(Tracking tracking, Meters meters, McpSettings settings) {
        serveStandardStreams(tracking, meters, settings, () -> {
        });
    }

    /**
     * Like {@link #serveStandardStreams(Tracking, Meters, McpSettings)}; {@code afterFirstAnswer} runs once, on a
     * thread of its own, as soon as the first answer (normally {@code initialize}) has been written: work the session
     * needs soon but not for that answer (docs/decisions/0009-stdio-startup.md, addendum 3). It is waited for (at most
     * 10 s) before the server closes.
     */
    public static void serveStandardStreams(Tracking tracking, Meters meters, McpSettings settings,
            Runnable afterFirstAnswer) {
        guardStdout();
        AfterFirstAnswer after = new AfterFirstAnswer(afterFirstAnswer);
        OutputStream mcpOut = new TappedOutput(new FileOutputStream(FileDescriptor.out), bytes -> after.fire());
        ToolRegistry registry = new ToolRegistry(tracking, meters, settings);
        StartupTrace.mark("tool registry built");
        try {
            serve(new FileInputStream(FileDescriptor.in), mcpOut, tracking, registry, McpExtras.none());
        } finally {
            after.awaitDone(Duration.ofSeconds(10));
        }
    }

    /** Runs a task once, on its own thread, at the first {@link #fire()}. */
    private static final class AfterFirstAnswer {
        private final Runnable task;
        private final AtomicReference<Thread> thread = new AtomicReference<>();

        AfterFirstAnswer(Runnable task) {
            this.task = task;
        }

        void fire() {
            StartupTrace.answered();
            if (thread.get() == null) {
                Thread t = Thread.ofPlatform().daemon().name("mcp-after-first-answer").unstarted(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.error("start-up after the first answer failed: {}", e.getMessage());
                    }
                });
                if (thread.compareAndSet(null, t)) {
                    t.start();
                }
            }
        }

        void awaitDone(Duration limit) {
            Thread t = thread.get();
            if (t != null) {
                try {
                    t.join(limit);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Serves on the given streams until {@code in} reaches end of file (or fails), then closes the server. */
    public static void serve(InputStream in, OutputStream out, Tracking tracking, ToolRegistry registry,
            McpExtras extras) {
        CountDownLatch eof = new CountDownLatch(1);
        StdioRequestTap tap = new StdioRequestTap();
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                new EofSignal(in, eof, tap), new TappedOutput(out, tap.outbound()));
        McpSyncServer server = ObservatoryMcp.create(transport, tracking, registry, extras);
        StartupTrace.mark("MCP server built");
        LOG.info("MCP server on stdio ({} tools enabled: {})", registry.tools().size(),
                String.join(",", registry.settings().toolsets()));
        try {
            eof.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            LOG.info("stdin closed: MCP server stopped");
        }
    }

    /** Hands every byte written to a tap before passing it on. */
    private static final class TappedOutput extends FilterOutputStream {
        private final Consumer<byte[]> tap;

        TappedOutput(OutputStream out, Consumer<byte[]> tap) {
            super(out);
            this.tap = tap;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            tap.accept(new byte[] { (byte) b });
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            tap.accept(Arrays.copyOfRange(b, off, off + len));
        }
    }

    /**
     * Hands every byte read to the request tap; at end of file first waits (at most {@link #PENDING_LIMIT}) until every
     * request read so far is answered, since the SDK closes the session as soon as its reader sees the end, then
     * reports the end and counts down the latch. Also counts down when the stream fails.
     */
    private static final class EofSignal extends FilterInputStream {
        private final CountDownLatch eof;
        private final StdioRequestTap requests;
        private final Consumer<byte[]> tap;

        EofSignal(InputStream in, CountDownLatch eof, StdioRequestTap requests) {
            super(in);
            this.eof = eof;
            this.requests = requests;
            this.tap = requests.inbound();
        }

        @Override
        public int read() throws IOException {
            int b = signal(guard(() -> super.read()));
            if (b >= 0) {
                tap.accept(new byte[] { (byte) b });
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = signal(guard(() -> super.read(b, off, len)));
            if (n > 0) {
                StartupTrace.mark("request bytes read");
                tap.accept(Arrays.copyOfRange(b, off, off + n));
            }
            return n;
        }

        private int signal(int n) throws IOException {
            if (n < 0) {
                try {
                    if (!requests.awaitAnswered(PENDING_LIMIT)) {
                        LOG.warn("stdin closed with requests unanswered after {} s: stopping anyway",
                                PENDING_LIMIT.toSeconds());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while finishing requests");
                } finally {
                    eof.countDown();
                }
            }
            return n;
        }

        private int guard(IoRead r) throws IOException {
            try {
                return r.read();
            } catch (IOException e) {
                eof.countDown();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            eof.countDown();
            super.close();
        }
    }

    @FunctionalInterface
    private interface IoRead {
        int read() throws IOException;
    }
}

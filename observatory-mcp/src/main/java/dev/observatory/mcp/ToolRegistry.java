package dev.observatory.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.AuditArguments;
import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.mcp.tool.ArgumentException;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Budget;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Links;
import dev.observatory.mcp.tool.Progress;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.mcp.tool.ToolImage;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists tools and runs them by name, without any transport: the MCP servers (stdio and HTTP) and the HTTP tool bridge
 * all call {@link #invoke}. This is the one place where arguments are validated, errors are classified and every call
 * is counted in {@code mcp_tool_calls_total{tool,outcome}} and timed in {@code mcp_tool_duration_seconds{tool}}.
 * <p>
 * Domain errors (bad arguments, unknown ids, invalid cursors, read-only mode) become {@code isError} results whose text
 * says what to fix. Anything else is logged once and thrown as an {@link McpError} (a JSON-RPC error).
 */
public final class ToolRegistry {
    public static final String CALLS_METRIC = "mcp_tool_calls_total";
    public static final String DURATION_METRIC = "mcp_tool_duration_seconds";
    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final Tracking tracking;
    private final Meters meters;
    private final McpSettings settings;
    private final List<ToolDef> catalog;
    private final Map<String, ToolDef> byName = new LinkedHashMap<>();
    private final Links links;
    private final Budget budget;

    public ToolRegistry(Tracking tracking, Meters meters, McpSettings settings) {
        this(tracking, meters, settings, ToolCatalog.all());
    }

    /** A registry over a given catalogue (tests and fixtures). */
    public ToolRegistry(Tracking tracking, Meters meters, McpSettings settings, List<ToolDef> catalog) {
        this.tracking = tracking;
        this.meters = meters;
        this.settings = settings;
        ToolCatalog.check(catalog);
        this.catalog = List.copyOf(catalog);
        catalog.forEach(t -> byName.put(t.name(), t));
        this.links = new Links(settings.baseUrl());
        this.budget = new Budget(settings.outputBudgetTokens());
    }

    public McpSettings settings() {
        return settings;
    }

    /** Every tool definition, whatever the toolsets. */
    public List<ToolDef> catalog() {
        return catalog;
    }

    /** Definitions of the tools in the given toolsets, in catalogue order (read-only mode: read-only tools only). */
    public List<ToolDef> definitions(Set<String> toolsets) {
        return catalog.stream().filter(t -> t.enabledIn(toolsets)).filter(this::listed).toList();
    }

    /**
     * Whether the tool is listed at all: in read-only mode the tools that write (hint readOnly false) are hidden from
     * tools/list (a call by name is still answered, with the read-only refusal).
     */
    public boolean listed(ToolDef tool) {
        return !tracking.readOnly() || tool.hints().readOnly();
    }

    /** MCP definitions of the tools in the given toolsets. */
    public List<McpSchema.Tool> tools(Set<String> toolsets) {
        return definitions(toolsets).stream().map(ToolDef::mcpTool).toList();
    }

    /** MCP definitions of the tools in the configured toolsets. */
    public List<McpSchema.Tool> tools() {
        return tools(settings.toolsets());
    }

    public Optional<ToolDef> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether a tool of that name exists and belongs to one of the toolsets. */
    public boolean isEnabled(String name, Set<String> toolsets) {
        ToolDef t = byName.get(name);
        return t != null && t.enabledIn(toolsets);
    }

    /** Calls a tool of the configured toolsets; see {@link #invoke}. */
    public CallToolResult call(String name, Map<String, Object> arguments, Actor actor) {
        return invoke(name, arguments, actor, settings.toolsets()).result();
    }

    /**
     * Runs a tool. Never returns null; throws {@link McpError} only for unexpected failures (already logged).
     *
     * @param toolsets
     *            the toolsets enabled on the caller's connection; a tool outside them is UNKNOWN_TOOL
     */
    public ToolOutcome invoke(String name, Map<String, Object> arguments, Actor actor, Set<String> toolsets) {
        return invoke(name, arguments, actor, toolsets, Progress.NONE);
    }

    /** Like {@link #invoke(String, Map, Actor, Set)}, with a sink for the tool's progress reports. */
    public ToolOutcome invoke(String name, Map<String, Object> arguments, Actor actor, Set<String> toolsets,
            Progress progress) {
        return invoke(name, arguments, actor, toolsets, progress, null);
    }

    /**
     * Like {@link #invoke(String, Map, Actor, Set, Progress)}, with the calling client's model (MCP sampling), or null
     * when the client cannot sample.
     */
    public ToolOutcome invoke(String name, Map<String, Object> arguments, Actor actor, Set<String> toolsets,
            Progress progress, dev.observatory.core.query.TextModel clientModel) {
        long start = System.nanoTime();
        ToolDef def = byName.get(name);
        if (def == null || !def.enabledIn(toolsets)) {
            ToolOutcome o = error(String.valueOf(name), ToolOutcome.UNKNOWN_TOOL,
                    unknownToolMessage(name, def, toolsets));
            record("unknown", "unknown_tool", start);
            return o;
        }
        String outcome = "internal_error";
        try {
            Args args = def.input().validate(arguments);
            ToolContext ctx = new ToolContext(tracking, links, budget, actor, toolsets, catalog, progress, clientModel);
            Map<String, Object> raw = def.handler().handle(args, ctx);
            Budget.Bounded answer = budget.bound(ToolImage.withoutImages(raw));
            CallToolResult.Builder result = CallToolResult.builder().structuredContent(answer.answer())
                    .addTextContent(answer.json()).isError(false);
            for (ToolImage image : ToolImage.images(raw)) {
                result.addContent(new McpSchema.ImageContent(null, image.base64(), image.mimeType()));
            }
            outcome = "ok";
            return new ToolOutcome(def.name(), result.build(), null, null);
        } catch (ArgumentException e) {
            outcome = "invalid_arguments";
            return error(def.name(), ToolOutcome.INVALID_ARGUMENTS, e.getMessage());
        } catch (InvalidCursorException e) {
            outcome = "invalid_cursor";
            return error(def.name(), ToolOutcome.INVALID_CURSOR, e.getMessage());
        } catch (IllegalArgumentException e) {
            outcome = "invalid_arguments";
            return error(def.name(), ToolOutcome.INVALID_ARGUMENTS, e.getMessage());
        } catch (NotFoundException e) {
            outcome = "not_found";
            return error(def.name(), ToolOutcome.NOT_FOUND, e.getMessage());
        } catch (ConflictException e) {
            outcome = "conflict";
            return error(def.name(), ToolOutcome.CONFLICT, e.getMessage());
        } catch (ReadOnlyException e) {
            outcome = "read_only";
            return error(def.name(), ToolOutcome.READ_ONLY, e.getMessage());
        } catch (StoreException e) {
            outcome = "storage_unavailable";
            LOG.warn("tool {}: {}", def.name(), e.getMessage());
            return error(def.name(), ToolOutcome.STORAGE_UNAVAILABLE, e.getMessage());
        } catch (McpError e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("tool {} failed", def.name(), e);
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("internal error in tool " + def.name()
                    + " (" + e.getClass().getSimpleName() + "); the server log has the details").build();
        } finally {
            record(def.name(), outcome, start);
            audit(def, arguments, actor, outcome, start);
        }
    }

    /**
     * Records a call of a tool that writes (readOnly hint false) in the audit log as {@code tool.<name>} with the
     * outcome, duration and the arguments with secrets masked ({@link AuditArguments}); read-only tracking records
     * nothing (its store takes no writes and every write tool is refused there).
     */
    private void audit(ToolDef def, Map<String, Object> arguments, Actor actor, String outcome, long start) {
        if (def.hints().readOnly() || tracking.readOnly()) {
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        try {
            tracking.auditor().record(actor, "tool." + def.name(), "tool/" + def.name(), "{\"outcome\":\"" + outcome
                    + "\",\"duration_ms\":" + ms + ",\"arguments\":" + AuditArguments.json(arguments) + "}");
        } catch (RuntimeException e) {
            LOG.warn("tool {}: its audit event was not written: {}", def.name(), e.getClass().getSimpleName());
        }
    }

    private String unknownToolMessage(String name, ToolDef def, Set<String> toolsets) {
        if (def != null) {
            return "tool '" + name + "' belongs to toolset '" + def.toolset() + "', which is not enabled here: add it"
                    + " with --toolsets / OBSERVATORY_TOOLSETS or ?toolsets=" + def.toolset() + " on the URL";
        }
        return "unknown tool '" + name + "': tools enabled here are "
                + String.join(", ", definitions(toolsets).stream().map(ToolDef::name).toList());
    }

    private static ToolOutcome error(String tool, String code, String message) {
        return new ToolOutcome(tool, CallToolResult.builder().addTextContent(message).isError(true).build(), code,
                message);
    }

    private void record(String tool, String outcome, long start) {
        long nanos = System.nanoTime() - start;
        meters.count(CALLS_METRIC, "MCP tool calls by tool and outcome", 1, "tool", tool, "outcome", outcome);
        meters.observeNanos(DURATION_METRIC, "MCP tool call latency", nanos, "tool", tool);
        meters.tracer().toolCall(tool, outcome, nanos);
    }
}

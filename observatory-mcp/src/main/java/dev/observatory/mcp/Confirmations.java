package dev.observatory.mcp;

import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.ToolDef;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirmation of destructive tools through MCP elicitation. A tool marked destructive that takes a boolean
 * {@code confirm} argument runs only with {@code confirm: true}. When a call lacks it and the client supports
 * elicitation, the server asks the user (a form with one checkbox) and runs the tool with {@code confirm: true} once
 * the user accepts; a decline or cancel is an isError answer and nothing happens. Clients without elicitation (or a
 * failed elicitation, e.g. on a stateless connection) get the tool's own answer, which asks for {@code confirm: true}.
 */
final class Confirmations {
    private static final Logger LOG = LoggerFactory.getLogger(Confirmations.class);

    private Confirmations() {
    }

    /** Calls the tool through the exchange's client, asking for confirmation first where needed and possible. */
    static CallToolResult call(ToolDef def, Map<String, Object> args, McpSyncServerExchange exchange,
            Function<Map<String, Object>, CallToolResult> invoke) {
        boolean canAsk = exchange != null && exchange.getClientCapabilities() != null
                && exchange.getClientCapabilities().elicitation() != null;
        return call(def, args, canAsk, canAsk ? exchange::createElicitation : null, invoke);
    }

    static CallToolResult call(ToolDef def, Map<String, Object> args, boolean clientCanAsk,
            Function<ElicitRequest, ElicitResult> ask, Function<Map<String, Object>, CallToolResult> invoke) {
        if (!clientCanAsk || !needsConfirmation(def, args)) {
            return invoke.apply(args);
        }
        ElicitResult answer;
        try {
            answer = ask.apply(request(def, args));
        } catch (RuntimeException e) {
            LOG.debug("elicitation for {} failed, falling back to the confirm argument: {}", def.name(),
                    e.getMessage());
            return invoke.apply(args);
        }
        if (answer.action() == ElicitResult.Action.ACCEPT && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get("confirm"))) {
            Map<String, Object> confirmed = new LinkedHashMap<>(args == null ? Map.of() : args);
            confirmed.put("confirm", true);
            return invoke.apply(confirmed);
        }
        return CallToolResult.builder().isError(true).addTextContent("the user did not confirm " + def.name() + " ("
                + answer.action().name().toLowerCase(java.util.Locale.ROOT) + "): nothing was changed").build();
    }

    /** A destructive tool with a boolean confirm argument, called without confirm: true. */
    static boolean needsConfirmation(ToolDef def, Map<String, Object> args) {
        boolean hasConfirm = def.input().params().stream()
                .anyMatch(p -> p.name().equals("confirm") && p.type() == Param.Type.BOOLEAN);
        return def.hints().destructive() && hasConfirm && !(args != null && Boolean.TRUE.equals(args.get("confirm")));
    }

    private static ElicitRequest request(ToolDef def, Map<String, Object> args) {
        Map<String, Object> shown = new LinkedHashMap<>(args == null ? Map.of() : args);
        shown.remove("confirm");
        Map<String, Object> confirm = new LinkedHashMap<>();
        confirm.put("type", "boolean");
        confirm.put("title", "Confirm");
        confirm.put("description", "Check to let " + def.name() + " run. It cannot be undone.");
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("confirm", confirm));
        schema.put("required", List.of("confirm"));
        String message = def.title() + ": " + def.name() + " " + Json.write(shown)
                + ". This cannot be undone. Allow it?";
        return ElicitRequest.builder(message, schema).build();
    }
}

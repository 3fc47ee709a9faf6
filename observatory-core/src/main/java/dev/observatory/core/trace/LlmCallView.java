package dev.observatory.core.trace;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanEvent;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.store.internal.SpanFactsReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The LLM call view of a span, derived at ingest into the store's indexed columns: the facts its GenAI / MCP semantic
 * convention attributes state ({@link SpanFactsReader}), then tokens estimated from prompt and response text when usage
 * is absent (flagged), then a cost from the price table when the span does not carry one. An unknown model gets cost
 * null with the reason in {@code costNote}, never a guessed price.
 */
public final class LlmCallView {

    /** Operations that are model calls (gen_ai.operation.name values of the semantic conventions). */
    static final Set<String> MODEL_OPERATIONS = Set.of("chat", "text_completion", "generate_content", "embeddings",
            "create_agent", "invoke_agent");
    private static final List<String> PROMPT_KEYS = List.of("gen_ai.prompt", "gen_ai.input.messages",
            "gen_ai.system_instructions", "llm.prompts");
    private static final List<String> RESPONSE_KEYS = List.of("gen_ai.completion", "gen_ai.output.messages",
            "llm.completions");

    /** Most model names whose price look-up is remembered (names come from spans: any text). */
    static final int MAX_REMEMBERED_MODELS = 1024;
    /** Longest model name remembered. */
    static final int MAX_REMEMBERED_CHARS = 256;

    private final ModelPrices prices;
    private final TokenEstimator tokens = new TokenEstimator();
    /** The price of each model name seen, or the note saying why it has none (decision 0045). */
    private final Map<String, Priced> priced = new ConcurrentHashMap<>();
    private final String tableNote;
    private final String estimatedNote;

    /** A model's price from the table, or null with the note of an unknown model. */
    private record Priced(ModelPrices.Price price, String unknownNote) {
    }

    public LlmCallView(ModelPrices prices) {
        this.prices = prices;
        this.tableNote = "price table " + prices.date();
        this.estimatedNote = tableNote + ", estimated tokens";
    }

    public ModelPrices prices() {
        return prices;
    }

    /** The derived columns of a span. */
    public SpanFacts facts(Span span) {
        SpanFacts f = SpanFactsReader.read(span);
        if (f.model() == null && (f.operation() == null || !MODEL_OPERATIONS.contains(f.operation()))) {
            return f; // not a model call: no tokens to estimate, no price
        }
        if (f.inputTokens() == null && f.outputTokens() == null) {
            String prompt = text(span, PROMPT_KEYS, "gen_ai.prompt.", "gen_ai.content.prompt", "gen_ai.user.message");
            String response = text(span, RESPONSE_KEYS, "gen_ai.completion.", "gen_ai.content.completion",
                    "gen_ai.choice");
            if (prompt != null || response != null) {
                f = f.withTokens(tokens.count(f.model(), prompt), tokens.count(f.model(), response), true);
            }
        }
        if (f.costUsd() != null) {
            return f;
        }
        return cost(f);
    }

    private SpanFacts cost(SpanFacts f) {
        if (f.model() == null) {
            return f.withCost(null, "no model attribute (gen_ai.request.model / gen_ai.response.model)");
        }
        Priced price = price(f.model());
        if (price.price() == null) {
            return f.withCost(null, price.unknownNote());
        }
        if (f.inputTokens() == null && f.outputTokens() == null) {
            return f.withCost(null, "no token usage on the span and no prompt/response text to estimate it from");
        }
        String note = f.tokensEstimated() ? estimatedNote : tableNote;
        return f.withCost(price.price().cost(f.inputTokens(), f.outputTokens()), note);
    }

    /**
     * The table's answer for the model, remembered for the first {@link #MAX_REMEMBERED_MODELS} names of at most
     * {@link #MAX_REMEMBERED_CHARS} characters.
     */
    private Priced price(String model) {
        Priced known = priced.get(model);
        if (known != null) {
            return known;
        }
        Optional<ModelPrices.Price> price = prices.find(model);
        Priced p = price.isPresent() ? new Priced(price.get(), null)
                : new Priced(null, "unknown model '" + model + "': not in the price table (prices of " + prices.date()
                        + "); add it with trace_model_prices");
        if (model.length() <= MAX_REMEMBERED_CHARS && priced.size() < MAX_REMEMBERED_MODELS) {
            priced.put(model, p);
        }
        return p;
    }

    /** The text of the listed attributes, of attributes "prefix.N.content" and of the named events; null if none. */
    private static String text(Span span, List<String> keys, String indexedPrefix, String... events) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            append(b, span.attributes().get(k));
        }
        for (Map.Entry<String, Object> e : span.attributes().entrySet()) {
            if (e.getKey().startsWith(indexedPrefix) && e.getKey().endsWith(".content")) {
                append(b, e.getValue());
            }
        }
        for (SpanEvent e : span.events()) {
            for (String name : events) {
                if (name.equals(e.name())) {
                    e.attributes().values().forEach(v -> append(b, v));
                }
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        if (v instanceof String s && !s.isEmpty()) {
            b.append(s).append('\n');
        } else if (v instanceof List<?> list) {
            list.forEach(o -> append(b, o));
        }
    }
}

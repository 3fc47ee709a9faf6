package dev.observatory.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.SpanFacts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remembered price look-ups give the answers and notes of a fresh look-up, call after call. */
class LlmCallViewTest {

    @Test
    void pricesAndNotesAreTheSameEveryTimeAModelIsSeen() {
        ModelPrices prices = ModelPrices.defaults().with("my-model=1/2");
        LlmCallView view = new LlmCallView(prices);
        String date = prices.date();
        for (int round = 0; round < 3; round++) {
            SpanFacts known = view.facts(SpanFixtures.span(1, 1, null, "chat", 0, 1,
                    SpanFixtures.chat("openai/GPT-4o-2024-08-06", 1_000_000, 0)));
            assertThat(known.costUsd()).isEqualTo(prices.find("gpt-4o").orElseThrow().cost(1_000_000L, 0L));
            assertThat(known.costNote()).isEqualTo("price table " + date);

            SpanFacts override = view.facts(
                    SpanFixtures.span(1, 2, null, "chat", 0, 1, SpanFixtures.chat("my-model", 1_000_000, 1_000_000)));
            assertThat(override.costUsd()).isEqualTo(3.0);

            SpanFacts unknown = view
                    .facts(SpanFixtures.span(1, 3, null, "chat", 0, 1, SpanFixtures.chat("acme-llm-7", 10, 10)));
            assertThat(unknown.costUsd()).isNull();
            assertThat(unknown.costNote()).isEqualTo("unknown model 'acme-llm-7': not in the price table (prices of "
                    + date + "); add it with trace_model_prices");

            SpanFacts estimated = view.facts(SpanFixtures.span(1, 4, null, "chat", 0, 1, Map.of("gen_ai.operation.name",
                    "chat", "gen_ai.request.model", "gpt-4o", "gen_ai.prompt", "Say hello to the world")));
            assertThat(estimated.tokensEstimated()).isTrue();
            assertThat(estimated.costNote()).isEqualTo("price table " + date + ", estimated tokens");
        }
    }

    @Test
    void modelsPastTheRememberedOnesArePricedAsWell() {
        LlmCallView view = new LlmCallView(ModelPrices.defaults());
        for (int i = 0; i < LlmCallView.MAX_REMEMBERED_MODELS + 10; i++) {
            view.facts(SpanFixtures.span(1, 1, null, "chat", 0, 1, SpanFixtures.chat("unknown-" + i, 1, 1)));
        }
        SpanFacts late = view.facts(SpanFixtures.span(1, 1, null, "chat", 0, 1, SpanFixtures.chat("gpt-4o", 10, 0)));
        assertThat(late.costUsd()).isEqualTo(ModelPrices.defaults().find("gpt-4o").orElseThrow().cost(10L, 0L));
        SpanFacts unknown = view
                .facts(SpanFixtures.span(1, 1, null, "chat", 0, 1, SpanFixtures.chat("unknown-" + 2000, 1, 1)));
        assertThat(unknown.costNote()).startsWith("unknown model 'unknown-2000'");
        String longName = "gpt-4o-" + "x".repeat(LlmCallView.MAX_REMEMBERED_CHARS);
        SpanFacts fresh = new LlmCallView(ModelPrices.defaults())
                .facts(SpanFixtures.span(1, 1, null, "chat", 0, 1, SpanFixtures.chat(longName, 10, 0)));
        assertThat(fresh.costUsd()).isEqualTo(late.costUsd()); // priced by its "gpt-4o-" prefix, not remembered
    }
}

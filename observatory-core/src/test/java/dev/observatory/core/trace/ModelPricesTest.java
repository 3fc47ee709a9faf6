package dev.observatory.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelPricesTest {
    final ModelPrices prices = ModelPrices.defaults();

    @Test
    void findsDatedModelNamesByTheirLongestKnownPrefix() {
        assertThat(prices.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(prices.find("gpt-4o-2024-08-06")).contains(prices.find("gpt-4o").orElseThrow());
        assertThat(prices.find("gpt-4o-mini-2024-07-18").orElseThrow().inputPerMillion()).isEqualTo(0.15);
        assertThat(prices.find("openai/GPT-4o").orElseThrow().outputPerMillion()).isEqualTo(10.0);
        assertThat(prices.find("claude-3-5-sonnet-20241022").orElseThrow().inputPerMillion()).isEqualTo(3.0);
    }

    @Test
    void anUnknownModelHasNoPrice() {
        assertThat(prices.find("acme-llm-7")).isEmpty();
        assertThat(prices.find("gpt-4oxyz")).isEmpty(); // a prefix counts only before a '-'
        assertThat(prices.find(null)).isEmpty();
    }

    @Test
    void overridesReplaceAndAddModels() {
        ModelPrices custom = prices.with("acme-llm=1/2, gpt-4o=5/20");
        assertThat(custom.find("acme-llm-7").orElseThrow().cost(1_000_000L, 500_000L)).isCloseTo(2.0, within(1e-9));
        assertThat(custom.find("gpt-4o").orElseThrow().inputPerMillion()).isEqualTo(5.0);
        assertThat(custom.find("gpt-4o-mini").orElseThrow().inputPerMillion()).isEqualTo(0.15);
        assertThatThrownBy(() -> prices.with("gpt-4o=cheap")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt-4o=cheap' is not model=input/output");
        assertThatThrownBy(() -> prices.with("x=-1/2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thresholdOverridesAreCheckedByName() {
        AlertThresholds t = AlertThresholds.defaults().with("fallback_rate=0.2, p95_latency_ms=3000");
        assertThat(t.get("fallback_rate")).isEqualTo(0.2);
        assertThat(t.get("p95_latency_ms")).isEqualTo(3000.0);
        assertThat(t.get("retry_rate")).isEqualTo(0.10);
        assertThatThrownBy(() -> AlertThresholds.defaults().with("fallback=0.2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown threshold 'fallback'");
        assertThatThrownBy(() -> TraceSettings.of(null, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each guardrail on fed lines (no process): what fires it, what does not, and its evidence. */
class GuardrailsTest {

    static GuardrailSpec spec(double divergence, List<GuardrailRule> rules, long stallSeconds) {
        return new GuardrailSpec(List.of(), true, 2, stallSeconds, divergence, "loss", 3, rules, true, 0);
    }

    static GuardrailEvent feed(LineProcessor p, String... lines) {
        long t = 1_000;
        for (String l : lines) {
            p.process(l, t += 10);
            if (p.lastEvent() != null) {
                return p.lastEvent();
            }
        }
        return null;
    }

    static LineProcessor processor(GuardrailSpec spec) {
        return new LineProcessor(new SecretRedactor(Map.of()), new Guardrails(spec, 0), new MetricBuffer());
    }

    @Test
    void divergenceFiresWhenLossExceedsKTimesItsRunningMinimumAfterWarmup() {
        LineProcessor p = processor(spec(5, List.of(), 0));
        assertThat(feed(p, "step 1 loss 9", "step 2 loss 1", "step 3 loss 0.8", "step 4 loss 3.9")).isNull();
        GuardrailEvent e = feed(p, "step 5 loss 4.1");
        assertThat(e.guardrail()).isEqualTo("divergence");
        assertThat(e.step()).isEqualTo(5L);
        assertThat(e.values()).containsEntry("loss", 4.1).containsEntry("running_min", 0.8);
        assertThat(e.lines()).last().isEqualTo("step 5 loss 4.1");
    }

    @Test
    void aUserRuleFiresOnlyAfterItsConsecutiveSteps() {
        LineProcessor p = processor(spec(0, List.of(GuardrailRule.parse("grad_norm > 100 for 3 steps")), 0));
        assertThat(feed(p, "step=1 grad_norm=150", "step=2 grad_norm=160", "step=3 grad_norm=10",
                "step=4 grad_norm=101", "step=5 grad_norm=102")).isNull();
        GuardrailEvent e = feed(p, "step=6 grad_norm=103");
        assertThat(e.guardrail()).isEqualTo("rule");
        assertThat(e.reason()).contains("grad_norm > 100.0 for 3 steps");
        assertThat(e.step()).isEqualTo(6L);
    }

    @Test
    void outOfMemoryFiresAtItsThresholdAndNanOnlyOnWatchedMetrics() {
        LineProcessor p = processor(spec(0, List.of(), 0));
        assertThat(feed(p, "step 1 accuracy nan", "Killed")).isNull();
        GuardrailEvent e = feed(p, "java.lang.OutOfMemoryError: Java heap space");
        assertThat(e.guardrail()).isEqualTo("oom");
        assertThat(e.values()).containsEntry("oom_count", 2.0);

        LineProcessor q = processor(spec(0, List.of(), 0));
        assertThat(feed(q, "step 1 eval_loss inf").guardrail()).isEqualTo("nan");
    }

    @Test
    void stallCountsFromTheFirstLineAndFiresOnTheTimer() {
        Guardrails g = new Guardrails(spec(0, List.of(), 2), 0);
        assertThat(g.onTick(30_000)).as("no output yet: start-up allowance").isNull();
        LineProcessor p = new LineProcessor(new SecretRedactor(Map.of()), g, new MetricBuffer());
        p.process("step 7 loss 1", 40_000);
        assertThat(g.onTick(41_999)).isNull();
        GuardrailEvent e = g.onTick(42_000);
        assertThat(e.guardrail()).isEqualTo("stall");
        assertThat(e.step()).isEqualTo(7L);
        assertThat(g.onTick(50_000)).as("fires once").isNull();
    }

    @Test
    void rulesAreReadFromTextAndBadOnesAreExplained() {
        assertThat(GuardrailRule.parse("loss >= 2.5 for 4 steps")).isEqualTo(new GuardrailRule("loss", ">=", 2.5, 4));
        assertThat(GuardrailRule.parse("acc < 0.1").forSteps()).isEqualTo(1);
        assertThatThrownBy(() -> GuardrailRule.parse("loss is high")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'<metric> <op> <value> for <N> steps'");
    }
}

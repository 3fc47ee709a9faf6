package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {

    @Test
    void readsLossesErrorsAndPerplexityAsLowerIsBetter() {
        assertThat(Direction.infer("train/loss")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.infer("val_error_rate")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.infer("eval.perplexity")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.infer("valLoss")).isEqualTo(Direction.LOWER_IS_BETTER);
    }

    @Test
    void readsAccuracyRewardAndF1AsHigherIsBetter() {
        assertThat(Direction.infer("eval/accuracy")).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.infer("episodeReward")).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.infer("val_f1")).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void aLossWordWinsOverARewardWord() {
        assertThat(Direction.infer("reward_model_loss")).isEqualTo(Direction.LOWER_IS_BETTER);
    }

    @Test
    void anUnknownNameFallsBackToTheGivenDirection() {
        assertThat(Direction.infer("lr")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.infer("lr", Direction.HIGHER_IS_BETTER)).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.infer(null, Direction.HIGHER_IS_BETTER)).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.infer("glossary")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.infer("glossary", Direction.HIGHER_IS_BETTER)).isEqualTo(Direction.HIGHER_IS_BETTER);
    }
}

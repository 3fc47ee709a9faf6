package dev.observatory.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyFormatTest {

    @Test
    void printsFloatsLikePythonRepr() {
        assertThat(PyFormat.repr(2e-05)).isEqualTo("2e-05");
        assertThat(PyFormat.repr(1.9980267284282718e-05)).isEqualTo("1.9980267284282718e-05");
        assertThat(PyFormat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFormat.repr(100.0)).isEqualTo("100.0");
        assertThat(PyFormat.repr(1.2345)).isEqualTo("1.2345");
        assertThat(PyFormat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFormat.repr(-3.5e-07)).isEqualTo("-3.5e-07");
        assertThat(PyFormat.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PyFormat.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void roundsLikePythonRound() {
        assertThat(PyFormat.round(2.675, 2)).isEqualTo(2.67);
        assertThat(PyFormat.round(1.23456, 4)).isEqualTo(1.2346);
        assertThat(PyFormat.round(Double.NaN, 4)).isNaN();
    }

    @Test
    void printsHuggingFaceLogDicts() {
        assertThat(PyFormat.dict("loss", 1.2345, "learning_rate", 2e-05, "epoch", 0.5, "note", "x", "n", 3))
                .isEqualTo("{'loss': 1.2345, 'learning_rate': 2e-05, 'epoch': 0.5, 'note': 'x', 'n': 3}");
    }

    @Test
    void drawsTqdmProgressBars() {
        assertThat(PyFormat.progress("", 244, 2438, 3.35, ""))
                .isEqualTo(" 10%|█         | 244/2438 [13:37<2:02:30,  3.35s/it]");
        assertThat(PyFormat.progress("Epoch 3", 391, 391, 1 / 8.21, "v_num=3"))
                .isEqualTo("Epoch 3: 100%|██████████| 391/391 [00:48<00:00,  8.21it/s, v_num=3]");
    }
}

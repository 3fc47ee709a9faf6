package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogMetricParserTest {
    final LogMetricParser parser = new LogMetricParser();
    final ParsedLine out = new ParsedLine();

    Map<String, Double> parse(String line) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (parser.parse(line, out)) {
            for (int i = 0; i < out.size(); i++) {
                m.put(out.key(i), out.value(i));
            }
        }
        return m;
    }

    @Test
    void readsHuggingFaceTrainerDictsWithoutAStep() {
        assertThat(parse("{'loss': 0.4312, 'grad_norm': 1.25, 'learning_rate': 4.5e-05, 'epoch': 0.27}"))
                .containsExactly(Map.entry("loss", 0.4312), Map.entry("grad_norm", 1.25),
                        Map.entry("learning_rate", 4.5e-05), Map.entry("epoch", 0.27));
        assertThat(out.step()).isEqualTo(ParsedLine.NO_STEP);
        assertThat(out.profile()).isEqualTo("json");
    }

    @Test
    void readsJsonLinesSkippingStringsAndNestedValuesAndTakesTheStep() {
        assertThat(parse("{\"step\": 120, \"loss\": NaN, \"phase\": \"train\", \"hist\": [1, 2], \"acc\": 0.9}"))
                .containsOnlyKeys("loss", "acc");
        assertThat(out.get("loss")).isNaN();
        assertThat(out.step()).isEqualTo(120);
    }

    @Test
    void readsLightningProgressLinesWithTheGlobalStep() {
        assertThat(
                parse("Epoch 3:  45%|████▌     | 45/100 [00:10<00:12, 4.50it/s, loss=0.234, v_num=0, train_acc=0.91]"))
                        .containsEntry("epoch", 3.0).containsEntry("loss", 0.234).containsEntry("train_acc", 0.91);
        assertThat(out.step()).isEqualTo(345);
        assertThat(out.profile()).isEqualTo("lightning");
    }

    @Test
    void readsPlainStepLinesInTheirCommonShapes() {
        assertThat(parse("step 100 loss 0.5 lr 0.001")).containsExactly(Map.entry("loss", 0.5), Map.entry("lr", 0.001));
        assertThat(out.step()).isEqualTo(100);
        assertThat(parse("Step 250/1000, loss: 0.25, acc: 0.8")).containsExactly(Map.entry("loss", 0.25),
                Map.entry("acc", 0.8));
        assertThat(out.step()).isEqualTo(250);
        assertThat(parse("iter 7 loss inf")).containsEntry("loss", Double.POSITIVE_INFINITY);
        assertThat(out.step()).isEqualTo(7);
    }

    @Test
    void readsKeyValuePairsAnywhere() {
        assertThat(parse("2026-01-01 12:00:00 INFO step=10 loss=0.5 lr=1e-3 note=warmup"))
                .containsExactly(Map.entry("loss", 0.5), Map.entry("lr", 1e-3));
        assertThat(out.step()).isEqualTo(10);
        assertThat(parse("step=300 loss=nan").get("loss")).isNaN();
    }

    @Test
    void ignoresProseAndLinesWithoutNumbers() {
        assertThat(parse("Loading 5 files from disk")).isEmpty();
        assertThat(parse("saved checkpoint checkpoints/step_100.ckpt")).isEmpty();
        assertThat(parse("{not json at all")).isEmpty();
        assertThat(parse("")).isEmpty();
        assertThat(parse("a=b c=d")).isEmpty();
    }

    @Test
    void errorSignaturesStripNumbersPathsAndHex() {
        String a = ErrorSignatures.normalise("RuntimeError: CUDA error at /home/a/x.py:12 in 0x7f3a9c tensor 4096");
        String b = ErrorSignatures.normalise("RuntimeError: CUDA error at /srv/b/y.py:99 in 0x11 tensor 8");
        assertThat(a).isEqualTo(b).isEqualTo("RuntimeError: CUDA error at <path>:<n> in <hex> tensor <n>");
    }
}

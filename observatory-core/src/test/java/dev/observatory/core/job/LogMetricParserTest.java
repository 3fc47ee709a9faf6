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

    @Test
    void readsNumbersExactlyAsParseDoubleDoes() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("0", "-0", "0.0003", "12.50", ".5",
                "5.", "4.5e-05", "1E+3", "-2.5e10", "123456789012345", "1234567890123456", "0.1", "0.30000000000000004",
                "1e22", "1e23", "3e-22", "7e-23", "9007199254740993", "000123.4500", "1.7976931348623157E308",
                "4.9E-324", "2.2250738585072014E-308", "1e-300", "123456789012345678901", "9999999999999999999",
                "0.0018257418583505537", "2.5e-5", "1.0000000000000002", "0.9999999999999999"));
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble();
                case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-300, 300));
                case 2 -> rnd.nextInt(-1_000_000, 1_000_000) / 1000.0;
                default -> 2.0 / Math.sqrt(i + 1);
            };
            texts.add(Double.toString(v));
            texts.add(String.format(java.util.Locale.ROOT, "%.6g", v));
        }
        for (String t : texts) {
            assertThat(LogMetricParser.number(t, 0, t.length())).as(t).isEqualTo(Double.parseDouble(t));
        }
        for (String bad : java.util.List.of("1-2", "1.2.3", ".", "e5", "1e", "1e+", "--1", "1e5000x")) {
            assertThat(LogMetricParser.number(bad, 0, bad.length())).as(bad).isNaN();
        }
    }

    @Test
    void aKeySeenOnEveryLineIsTheSameStringInstance() {
        parser.parse("step 1 loss 0.5 lr 0.1", out);
        String first = out.key(0);
        parser.parse("step 2 loss 0.4 lr 0.1", out);
        assertThat(out.key(0)).isEqualTo("loss").isSameAs(first);
        parser.parse("step 3 lost 0.4", out);
        assertThat(out.key(0)).isEqualTo("lost");
    }
}

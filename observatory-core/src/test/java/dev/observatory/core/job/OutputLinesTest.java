package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines split straight from a job's output bytes, the way BufferedReader.readLine splits them. */
class OutputLinesTest {

    /** Hands out at most {@code chunk} bytes per read, so that line ends fall across reads. */
    static InputStream trickle(String text, int chunk) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    static List<String> lines(InputStream in, int maxLine) throws IOException {
        List<String> out = new ArrayList<>();
        int[] blocks = { 0 };
        new OutputLines(in, maxLine).pump(new OutputLines.Sink() {
            @Override
            public void line(byte[] buf, int from, int to) {
                out.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
            }

            @Override
            public void blockEnd() {
                blocks[0]++;
            }
        });
        assertThat(blocks[0]).isPositive();
        return out;
    }

    @Test
    void splitsOnNewlineCrLfAndLoneCarriageReturnsAcrossReads() throws IOException {
        String text = "step 1 loss 0.5\r\nEpoch 0:  10%|#| 1/10\rEpoch 0:  20%|#| 2/10\r\n\nlast ünïcode";
        List<String> expected = List.of("step 1 loss 0.5", "Epoch 0:  10%|#| 1/10", "Epoch 0:  20%|#| 2/10", "",
                "last ünïcode");
        for (int chunk : new int[] { 1, 2, 3, 7, 1 << 20 }) {
            assertThat(lines(trickle(text, chunk), 1000)).as("reads of %d bytes", chunk).isEqualTo(expected);
        }
    }

    @Test
    void cutsAnOverLongLineAndDropsItsRest() throws IOException {
        String longLine = "x".repeat(1000);
        String text = "a\n" + longLine + "\nb\n" + "y".repeat(25) + "\n";
        for (int chunk : new int[] { 1, 5, 1 << 20 }) {
            assertThat(lines(trickle(text, chunk), 20)).as("reads of %d bytes", chunk).containsExactly("a",
                    "x".repeat(20), "b", "y".repeat(20));
        }
    }

    @Test
    void readsMegabytesOfLinesInOrder() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("step ").append(i).append(" loss 0.25\n");
        }
        List<String> out = lines(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), 32_768);
        assertThat(out).hasSize(100_000);
        assertThat(out.get(0)).isEqualTo("step 0 loss 0.25");
        assertThat(out.get(99_999)).isEqualTo("step 99999 loss 0.25");
    }
}

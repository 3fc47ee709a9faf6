package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotated job log and its tail, read backwards and bounded however large the log is. */
class JobLogTest {
    @TempDir
    Path tmp;

    @Test
    void tailsAcrossRotatedFilesOldestFirstWithAnExactCount() throws Exception {
        Path file = tmp.resolve("j.log");
        List<String> written = new ArrayList<>();
        try (JobLog log = new JobLog(file, 1024, 5)) {
            for (int i = 1; i <= 200; i++) {
                String line = String.format(Locale.ROOT, "step %d loss %.3f%s", i, 1.0 / i,
                        i % 50 == 0 ? " ERROR" : "");
                log.append(line);
                written.add(line);
            }
        }
        assertThat(JobLog.rotated(file, 1)).exists();

        JobLog.Tail all = JobLog.tail(file, 3, l -> true);
        assertThat(all.lines()).containsExactly("step 198 loss 0.005", "step 199 loss 0.005",
                "step 200 loss 0.005 ERROR");
        assertThat(all.exact()).isTrue();
        assertThat(all.matched()).as("five rotated files keep all 4 KB").isEqualTo(200);

        JobLog.Tail errors = JobLog.tail(file, 10, l -> l.endsWith("ERROR"));
        assertThat(errors.exact()).isTrue();
        assertThat(errors.matched()).isEqualTo(4);
        assertThat(errors.lines()).isEqualTo(written.stream().filter(l -> l.endsWith("ERROR")).toList());
    }

    @Test
    void readsEveryLineBackToTheFirstIncludingEmptyOnesAndCrLf() throws Exception {
        Path file = tmp.resolve("x.log");
        Files.writeString(file, "\nfirst\r\n\nlast without newline", StandardCharsets.UTF_8);
        JobLog.Tail t = JobLog.tail(file, 10, l -> true);
        assertThat(t.lines()).containsExactly("", "first", "", "last without newline");
        assertThat(t.matched()).isEqualTo(4);
        assertThat(JobLog.tail(tmp.resolve("absent.log"), 5, l -> true).lines()).isEmpty();
        Files.writeString(tmp.resolve("empty.log"), "");
        assertThat(JobLog.tail(tmp.resolve("empty.log"), 5, l -> true).matched()).isZero();
    }

    @Test
    void aHugeLogIsReadOnlyFromItsEndAndTheCountBecomesALowerBound() throws Exception {
        Path file = tmp.resolve("big.log");
        int lines = 300_000; // about 8 MiB
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= lines; i++) {
                w.write(i == 10 ? "step 10 loss nan RARE" : "step " + i + " loss 0.12345");
                w.write('\n');
            }
        }
        long size = Files.size(file);
        long cap = 2L << 20;

        JobLog.Tail last = JobLog.tail(file, 2, l -> true, 1L << 20, cap);
        assertThat(last.lines()).containsExactly("step 299999 loss 0.12345", "step 300000 loss 0.12345");
        assertThat(last.exact()).isFalse();
        assertThat(last.matched()).isGreaterThan(2).isLessThan(lines);
        assertThat(last.scannedBytes()).isLessThanOrEqualTo(cap + ReverseLines.BLOCK).isLessThan(size);

        JobLog.Tail rare = JobLog.tail(file, 5, l -> l.contains("RARE"), 1L << 20, cap);
        assertThat(rare.lines()).as("the only match lies beyond the scan bound").isEmpty();
        assertThat(rare.exact()).isFalse();
        assertThat(rare.scannedBytes()).isLessThan(size);

        JobLog.Tail unbounded = JobLog.tail(file, 5, l -> l.contains("RARE"), size, size * 2);
        assertThat(unbounded.lines()).containsExactly("step 10 loss nan RARE");
        assertThat(unbounded.matched()).isEqualTo(1);
        assertThat(unbounded.exact()).isTrue();
    }
}

package dev.observatory.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIntelligenceTest {

    @Test
    void signaturesReplaceNumbersHexIdsUuidsAndPaths() {
        assertThat(Signatures.of("CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 79.15 GiB total)"))
                .isEqualTo("CUDA out of memory. Tried to allocate <num> GiB (GPU <num>; <num> GiB total)");
        assertThat(Signatures.of("Segfault at 0x7ffd3a2b in /usr/lib/libcuda.so.1"))
                .isEqualTo("Segfault at <hex> in <path>");
        assertThat(Signatures.of("run 3f2a9c1b7e failed, id 123e4567-e89b-12d3-a456-426614174000"))
                .isEqualTo("run <hex> failed, id <uuid>");
        assertThat(Signatures.of("lr=1e-4  loss=-0.25   step 12")).isEqualTo("lr=<num> loss=<num> step <num>");
        assertThat(Signatures.of("cannot open C:\\data\\train.csv")).isEqualTo("cannot open <path>");
        assertThat(Signatures.of("layer3 conv2d ok")).isEqualTo("layer3 conv2d ok");
    }

    @Test
    void clustersRepeatedErrorsWithCountsAndFirstAndLastPosition() {
        List<LogRecord> lines = new ArrayList<>();
        for (int step = 100; step <= 500; step += 100) {
            lines.add(new LogRecord(step, "ERROR", "Dataloader worker " + step / 100 + " died at batch " + step * 7));
        }
        lines.add(new LogRecord(50, "INFO", "epoch 1 started"));
        lines.add(new LogRecord(60, "WARN", "grad norm 12.5 exceeds clip 1.0"));
        lines.add(new LogRecord(70, "warning", "grad norm 99 exceeds clip 1.0"));

        LogReport report = LogIntelligence.analyse(lines);

        assertThat(report.lines()).isEqualTo(8);
        assertThat(report.errorCount()).isEqualTo(5);
        assertThat(report.warningCount()).isEqualTo(2);
        assertThat(report.distinctSignatures()).isEqualTo(2);
        assertThat(report.repeatedErrorSignatures()).isEqualTo(1);
        LogCluster top = report.clusters().get(0);
        assertThat(top.signature()).isEqualTo("Dataloader worker <num> died at batch <num>");
        assertThat(top.count()).isEqualTo(5);
        assertThat(top.firstPosition()).isEqualTo(100);
        assertThat(top.lastPosition()).isEqualTo(500);
        assertThat(top.category()).isEqualTo("error");
        assertThat(report.clusters().get(1).count()).isEqualTo(2);
        assertThat(report.clusters().get(1).level()).isEqualTo("warning");
    }

    @Test
    void detectsOutOfMemoryAtAnyLevel() {
        LogReport report = LogIntelligence.analyse(List.of(
                new LogRecord(7, "INFO", "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20 MiB"),
                new LogRecord(9, null, "RuntimeError: CUDA out of memory. Tried to allocate 40 MiB"),
                new LogRecord(3, "ERROR", "std::bad_alloc")));

        assertThat(report.oomCount()).isEqualTo(3);
        assertThat(report.firstOomPosition()).isEqualTo(3);
        assertThat(report.clusters()).extracting(LogCluster::category).containsOnly("oom");
        assertThat(report.clusters()).extracting(LogCluster::level).containsOnly("error");
    }

    @Test
    void detectsNanWarningsButNotWordsThatContainNan() {
        LogReport report = LogIntelligence.analyse(List.of(new LogRecord(10, "WARN", "loss is nan, skipping batch"),
                new LogRecord(11, "INFO", "Gradient overflow. Skipping step, reducing loss scale"),
                new LogRecord(12, "INFO", "nanoGPT checkpoint loaded from financial dataset"),
                new LogRecord(13, "INFO", "infinite loop guard: information only")));

        assertThat(report.nanCount()).isEqualTo(2);
        assertThat(report.firstNanPosition()).isEqualTo(10);
        assertThat(report.clusters()).hasSize(2);
    }

    @Test
    void readsStoredLogLinesAndTextThatLooksLikeAnError() {
        LogLine stored = new LogLine("run-1", 42, Instant.EPOCH, "stderr", null, "Traceback (most recent call last):");

        LogReport report = LogIntelligence.analyse(List.of(LogRecord.of(stored)));

        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.clusters().get(0).firstPosition()).isEqualTo(42);
    }

    @Test
    void anEmptyLogIsHealthyAndNullIsRejected() {
        LogReport empty = LogIntelligence.analyse(List.of());
        assertThat(empty.clusters()).isEmpty();
        assertThat(empty.firstOomPosition()).isNull();
        assertThatThrownBy(() -> LogIntelligence.analyse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogIntelligence.analyse(Arrays.asList((LogRecord) null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }
}

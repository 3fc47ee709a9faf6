package dev.observatory.bench.job;

import dev.observatory.core.job.LineProcessor;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6 bar: log capture and metric parsing >= 200,000 lines/s per job. The per-line path of a job's reader thread
 * (secret redaction, metric parsing in every profile, guardrails, point buffering) over a mixed log of 10,000 lines:
 * plain {@code step N loss X}, key=value, Hugging Face dicts, Lightning progress bars, JSON lines and prose. The score
 * is lines per second (one op = one line). The whole pipeline with a real process and a store is measured by
 * {@link JobPipelineLoad}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class LogParseBench {
    static final int LINES = 10_000;

    @Param({ "mixed", "plain_step" })
    public String corpus;

    private String[] lines;
    private LineProcessor processor;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        lines = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            double loss = 2.0 * Math.exp(-i / 3000.0) + rnd.nextDouble() * 0.05;
            lines[i] = corpus.equals("plain_step") ? "step " + i + " loss " + loss + " lr 0.0003" : switch (i % 6) {
                case 0 -> "step " + i + " loss " + loss + " lr 0.0003";
                case 1 -> "2026-01-01 12:00:00 INFO step=" + i + " loss=" + loss + " grad_norm=1.25 tokens=4096";
                case 2 -> "{'loss': " + loss + ", 'grad_norm': 0.97, 'learning_rate': 4.5e-05, 'epoch': 0.27}";
                case 3 -> "Epoch 3:  45%|####5     | " + (i % 100) + "/100 [00:10<00:12, 4.50it/s, loss=" + loss
                        + ", v_num=0]";
                case 4 -> "{\"step\": " + i + ", \"loss\": " + loss + ", \"phase\": \"train\", \"acc\": 0.9}";
                default -> "Loading shard " + i + " of the data set from /data/shards (token hf_SECRETabc123)";
            };
        }
        processor = LineProcessor.standalone(Map.of("HF_TOKEN", "hf_SECRETabc123"), new GuardrailSpec(List.of(), true,
                1, 0, 10, "loss", 20, List.of(GuardrailRule.parse("loss > 1000 for 3 steps")), true, 0));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long processTenThousandLines() {
        long n = 0;
        long now = 1_700_000_000_000L;
        for (String line : lines) {
            n += processor.process(line, now).length();
        }
        processor.drainPoints();
        return n;
    }
}

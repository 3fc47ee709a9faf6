package dev.observatory.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.LogLine;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Project;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.LogQuery;
import dev.observatory.store.RunQuery;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static StorageComponent store;
    private static DemoSummary summary;

    @BeforeAll
    static void writeDemo() {
        store = new InMemoryStorage();
        summary = DemoData.write(store, 42, NOW);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void writesThreeDescribedProjectsWithFortyRunsAndAFewHundredThousandPoints() {
        assertThat(store.projects().list()).extracting(Project::name).containsExactly("llm-finetune", "rl-agents",
                "vision-resnet");
        assertThat(store.projects().list()).allSatisfy(p -> assertThat(p.description()).hasSizeGreaterThan(20));
        assertThat(summary.projects()).isEqualTo(3);
        assertThat(summary.runs()).isEqualTo(40);
        assertThat(store.runs().count(RunQuery.all(null, 1000))).isEqualTo(40);
        assertThat(store.projects().runCounts()).containsOnlyKeys("llm-finetune", "rl-agents", "vision-resnet");
        assertThat(summary.points()).isBetween(200_000L, 1_000_000L).isEqualTo(store.metrics().pointCount());
        assertThat(summary.logLines()).isGreaterThan(2_000);
        assertThat(store.metrics().keysOfProject("llm-finetune")).containsKeys("train/loss", "train/learning_rate",
                "train/grad_norm", "train/tokens_per_sec", "eval/loss", "eval/accuracy", "system/gpu_mem_gb",
                "system/gpu_util");
    }

    @Test
    void keepsEveryTimestampInsideItsRunAndBeforeNow() {
        for (Run run : allRuns()) {
            Instant end = run.endedAt() == null ? NOW : run.endedAt();
            assertThat(run.startedAt()).isBefore(end);
            assertThat(end).isBeforeOrEqualTo(NOW);
            for (MetricSummary s : store.metrics().summaries(run.id())) {
                MetricPoint first = store.metrics().read(run.id(), s.key(), Long.MIN_VALUE, Long.MAX_VALUE, 0, 1)
                        .getFirst();
                assertThat(Instant.ofEpochMilli(first.timestampMs())).as(run.name() + " " + s.key())
                        .isAfterOrEqualTo(run.startedAt());
                assertThat(Instant.ofEpochMilli(s.lastTimestampMs())).as(run.name() + " " + s.key())
                        .isBeforeOrEqualTo(end);
            }
            List<LogLine> logs = store.logs().query(run.id(), LogQuery.tail(10_000));
            assertThat(logs).as(run.name()).isNotEmpty();
            assertThat(logs).allSatisfy(l -> assertThat(l.at()).isBetween(run.startedAt(), end));
        }
    }

    @Test
    void recordsNestedParamsTagsUsersCommitsAndHosts() {
        Run run = run("llama3.2-3b-lora-r16");

        Map<?, ?> optimizer = (Map<?, ?>) run.params().get("optimizer");
        Map<?, ?> model = (Map<?, ?>) run.params().get("model");

        assertThat(optimizer.get("name")).isEqualTo("adamw_torch_fused");
        assertThat(optimizer.get("lr")).isEqualTo(2e-4);
        assertThat(optimizer.get("betas")).isEqualTo(List.of(0.9, 0.999));
        assertThat(model.get("layers")).isEqualTo(28);
        assertThat(model.get("hidden")).isEqualTo(3072);
        assertThat(model.get("lora")).isInstanceOf(Map.class);
        assertThat(run.params()).containsKeys("data", "batch_size", "seed");
        assertThat(run.tags()).contains("lora");
        assertThat(run.user()).isNotBlank();
        assertThat(run.gitCommit()).matches("[0-9a-f]{40}");
        assertThat(run.host()).isNotBlank();
    }

    @Test
    void theDivergingRunEndsFailedWithNanLossAndANanWarning() {
        Run run = run("llama3.2-1b-sft-lr3e-3-nowarmup");
        MetricSummary loss = summary(run, "train/loss");

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.endedAt()).isNotNull();
        assertThat(loss.nanCount()).isGreaterThan(10);
        assertThat(loss.last()).isNaN();
        assertThat(loss.max()).isGreaterThan(100 * loss.first());
        assertThat(
                store.logs().query(run.id(), new LogQuery("NaN detected in loss", "WARN", null, Long.MAX_VALUE, 100)))
                        .isNotEmpty();
    }

    @Test
    void theOutOfMemoryRunCrashesWithACudaTracebackInItsLog() {
        Run run = run("llama3.1-8b-full-bs32-seq4096");
        List<LogLine> oom = store.logs().query(run.id(), new LogQuery(
                "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate", null, null, Long.MAX_VALUE, 10));

        assertThat(run.status()).isEqualTo(RunStatus.CRASHED);
        assertThat(oom).singleElement().satisfies(l -> {
            assertThat(l.stream()).isEqualTo("stderr");
            assertThat(l.level()).isEqualTo("ERROR");
        });
        assertThat(store.logs().query(run.id(),
                new LogQuery("Traceback (most recent call last):", "ERROR", "stderr", Long.MAX_VALUE, 10))).hasSize(1);
        assertThat(summary(run, "system/gpu_mem_gb").max()).isGreaterThan(75);
    }

    @Test
    void theRunningRunHasARecentHeartbeatAndNoEnd() {
        Run run = run("llama3.1-8b-lora-r32-openhermes");

        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.endedAt()).isNull();
        assertThat(run.heartbeatAt()).isBetween(NOW.minusSeconds(30), NOW);
        assertThat(Instant.ofEpochMilli(summary(run, "train/loss").lastTimestampMs()))
                .isBetween(NOW.minus(Duration.ofMinutes(1)), NOW);
    }

    @Test
    void theBreakthroughRunPlateausThenDropsSharply() {
        Run run = run("resnet18-cifar10-lr0.4-nowarmup");
        List<MetricPoint> loss = store.metrics().read(run.id(), "train/loss", Long.MIN_VALUE, Long.MAX_VALUE, 0,
                100_000);
        long lastStep = loss.getLast().step();

        double[] plateau = valuesBetween(loss, lastStep * 5 / 100, lastStep * 30 / 100);
        double[] justAfter = valuesBetween(loss, lastStep * 40 / 100, lastStep * 42 / 100);
        assertThat(max(plateau) - min(plateau)).as("flat plateau").isLessThan(0.03);
        assertThat(min(plateau)).isGreaterThan(2.2);
        assertThat(max(justAfter)).as("sharp drop").isLessThan(min(plateau) - 1.0);
        assertThat(loss.getLast().value()).isLessThan(0.3);
    }

    @Test
    void theSweepIsAGridOfTwelveRunsOverLearningRateAndBatchSize() {
        List<Run> sweep = store.runs()
                .list(new RunQuery(null, null, List.of("sweep"), null, null, null, "name", false, 100, 0));
        Set<List<Object>> grid = new HashSet<>();
        for (Run run : sweep) {
            grid.add(List.of(((Map<?, ?>) run.params().get("optimizer")).get("lr"), run.params().get("batch_size")));
        }

        assertThat(sweep).hasSize(12).allSatisfy(r -> {
            assertThat(r.project()).isEqualTo("vision-resnet");
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        });
        assertThat(grid).hasSize(12);
        assertThat(grid).extracting(p -> p.get(0)).containsOnly(0.01, 0.03, 0.1, 0.3);
        assertThat(grid).extracting(p -> p.get(1)).containsOnly(64, 128, 256);
    }

    @Test
    void theSameSeedWritesIdenticalDataAndAnotherSeedDifferentData() {
        try (InMemoryStorage again = new InMemoryStorage();
                InMemoryStorage other = new InMemoryStorage()) {
            DemoSummary second = DemoData.write(again, 42, NOW);
            DemoData.write(other, 7, NOW);

            assertThat(second).isEqualTo(summary);
            assertThat(content(again)).isEqualTo(content(store));
            assertThat(content(other)).isNotEqualTo(content(store));
        }
    }

    /** Everything but store-assigned ids and creation times, keyed by project/name. */
    private static Map<String, List<Object>> content(StorageComponent s) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Run r : s.runs().list(new RunQuery(null, null, null, null, null, null, "name", false, 1000, 0))) {
            List<String> logs = s.logs().query(r.id(), LogQuery.tail(10_000)).stream()
                    .map(l -> l.seq() + " " + l.at() + " " + l.stream() + " " + l.level() + " " + l.text()).toList();
            out.put(r.project() + "/" + r.name(),
                    List.of(r.status(), r.user(), r.tags(), r.params(), String.valueOf(r.notes()), r.startedAt(),
                            String.valueOf(r.endedAt()), String.valueOf(r.heartbeatAt()), r.gitCommit(), r.host(),
                            s.metrics().summaries(r.id()), logs));
        }
        return out;
    }

    private static List<Run> allRuns() {
        return store.runs().list(RunQuery.all(null, 1000));
    }

    private static Run run(String name) {
        return allRuns().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static MetricSummary summary(Run run, String key) {
        return store.metrics().summaries(run.id()).stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    private static double[] valuesBetween(List<MetricPoint> points, long from, long to) {
        return points.stream().filter(p -> p.step() >= from && p.step() <= to).mapToDouble(MetricPoint::value)
                .toArray();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}

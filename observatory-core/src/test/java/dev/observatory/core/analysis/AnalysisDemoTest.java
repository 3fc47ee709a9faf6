package dev.observatory.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.MomentType;
import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.demo.DemoData;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyses on the demo data set: what a user relies on when asking about its well-known runs. */
class AnalysisDemoTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Actor ADA = new Actor("ada", "test");
    static InMemoryStorage store;
    static Auditor auditor;
    static Tracking tracking;
    static Analysis analysis;

    @BeforeAll
    static void demo() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InMemoryStorage(clock);
        DemoData.write(store, 42, NOW);
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
        analysis = new Analysis(tracking);
    }

    @AfterAll
    static void close() {
        auditor.close();
        store.close();
    }

    static Run run(String name) {
        return store.runs().list(RunQuery.all(null, 1000)).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void theDivergingRunIsCriticalWithADivergenceWhereTheLossExploded() {
        // written 975 steps: the loss explodes from step 865 and is NaN from step 930
        TrainingObservability o = analysis.observability(run("llama3.2-1b-sft-lr3e-3-nowarmup").id(),
                ObservabilityOptions.DEFAULTS.withAll());

        assertThat(o.health()).isEqualTo("critical");
        assertThat(o.stability().diverged()).isTrue();
        assertThat(o.stability().divergenceStep()).isBetween(845L, 931L);
        assertThat(o.bottlenecks()).first().satisfies(b -> {
            assertThat(b.code()).isEqualTo("DIVERGENCE");
            assertThat(b.severity()).isEqualTo("critical");
            assertThat(b.confidence()).isBetween(0.5, 1.0);
            assertThat(b.confidenceSource()).isNotBlank();
        });
        assertThat(o.scores().convergence()).isLessThanOrEqualTo(10);
        assertThat(o.decisionGates()).containsEntry("ready_for_release", false);
        assertThat(o.releaseBlockers()).contains("DIVERGENCE", "not_finished");
        assertThat(o.recommendations()).first().satisfies(r -> assertThat(r.priority()).isEqualTo("high"));
        assertThat(o.evaluation().passed()).isFalse();
        assertThat(o.nextExperiment().recommendationType()).isEqualTo("add_warmup");
        assertThat(o.nextExperiment().parameter()).isEqualTo("scheduler.warmup_steps");
        assertThat(o.nextExperiment().current()).isEqualTo(0);
        assertThat(o.baselineComparison().runs()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void thePlateauRunShowsItsPlateauAndTheBreakthroughAfterIt() {
        // the loss sits at 2.30 until iteration 2052 (35% of 5865), then drops sharply
        Reports.Moments m = analysis.criticalMoments(run("resnet18-cifar10-lr0.4-nowarmup").id(), "train/loss", null);

        CriticalMoment plateau = m.report().moments().stream().filter(x -> x.type() == MomentType.PLATEAU).findFirst()
                .orElseThrow(() -> new AssertionError(m.report().moments().toString()));
        assertThat(plateau.step()).isLessThan(300);
        assertThat(plateau.endStep()).isBetween(2052 - 300L, 2052 + 300L);
        assertThat(plateau.confidence()).isGreaterThan(0.9);
        Reports.Insights insights = analysis.insights(run("resnet18-cifar10-lr0.4-nowarmup").id());
        assertThat(insights.insights()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo("BREAKTHROUGH_AFTER_PLATEAU");
            assertThat(i.evidence().getFirst().step()).isEqualTo(plateau.endStep());
            assertThat(i.evidence().get(1).value()).isGreaterThan(0.5);
        });
        assertThat(insights.insights()).extracting(Reports.Insight::code).contains("PLATEAU");
        assertThat(m.sampled()).isFalse();
    }

    @Test
    void theOomRunIsCriticalFromItsLogsAndTheSuggestionIsASmallerBatch() {
        String id = run("llama3.1-8b-full-bs32-seq4096").id();
        TrainingObservability o = analysis.observability(id, ObservabilityOptions.DEFAULTS);

        assertThat(o.health()).isEqualTo("critical");
        assertThat(o.errors().oomCount()).isPositive();
        assertThat(o.bottlenecks()).extracting(Bottleneck::code).contains("OUT_OF_MEMORY", "RUN_FAILED");
        NextExperiment next = analysis.suggestNextExperiment(id, null);
        assertThat(next.recommendationType()).isEqualTo("reduce_batch");
        assertThat(next.parameter()).isEqualTo("batch_size");
        assertThat(next.current()).isEqualTo(32);
        assertThat(next.proposed()).isEqualTo(16L);
        assertThat(next.riskLevel()).isEqualTo("low");
        assertThat(next.evidence()).isNotEmpty();
        Diagnosis d = analysis.diagnose(id);
        assertThat(d.probableCause()).contains("out-of-memory");
        assertThat(d.timeline()).extracting(Diagnosis.Event::kind).contains("oom");
    }

    @Test
    void compareRunsRanksTheSweepByTheChosenMetric() {
        List<Run> sweep = store.runs().list(RunQuery.all("vision-resnet", 1000)).stream()
                .filter(r -> r.tags().contains("sweep")).toList();
        assertThat(sweep).hasSize(12);

        RunComparison c = analysis.compareRuns(sweep.stream().map(Run::id).toList(), "val/acc", null, "last");

        assertThat(c.comparedCount()).isEqualTo(12);
        List<Double> values = c.ranking().stream().map(RunComparison.RankedRun::value).toList();
        assertThat(values).isSortedAccordingTo(Comparator.reverseOrder());
        double best = sweep.stream().mapToDouble(r -> tracking.metricSummary(r.id(), "val/acc").last()).max()
                .orElseThrow();
        assertThat(c.winner().value()).isEqualTo(best);
        assertThat(c.ranking().getFirst().deltaToWinner()).isNull();
        assertThat(c.ranking().get(1).deltaToWinner()).satisfies(d -> {
            assertThat(d.bandSource().id()).isEqualTo("absolute_delta_thresholds_v1");
            assertThat(d.totalBand()).isEqualTo(d.bandSource().band(d.total()));
            assertThat(d.components()).containsOnlyKeys("convergence", "stability", "speed");
            assertThat(d.metricDelta()).isNegative();
        });
        RunComparison byLoss = analysis.compareRuns(sweep.stream().map(Run::id).toList(), "train/loss", null, "best");
        assertThat(byLoss.ranking().stream().map(RunComparison.RankedRun::value).toList()).isSorted();
    }

    @Test
    void aHealthyFineTuneConvergesAndPassesItsEvaluation() {
        String id = run("llama3.2-1b-sft-baseline").id();
        RunEvaluation e = analysis.evaluate(id, null, 60);
        Reports.Progression p = analysis.progression(id, null, null);

        assertThat(p.curve().key()).isEqualTo("train/loss");
        assertThat(p.curve().relativeGain()).isGreaterThan(0.3);
        assertThat(p.curve().smoothed()).hasSizeBetween(10, 24);
        assertThat(e.grade()).isEqualTo(RunEvaluation.grade(e.overallScore()));
        assertThat(e.passed()).isEqualTo(e.overallScore() >= 60 && !e.health().equals("critical"));
        assertThat(e.health()).isNotEqualTo("critical");
    }

    @Test
    void learningCurvesPairTrainAndEvalLossAndForecastsProjectTheLoss() {
        String id = run("llama3.2-1b-sft-baseline").id();
        Reports.LearningCurves lc = analysis.learningCurves(id, List.of());
        Reports.Prediction p = analysis.predict(id, "train/loss", null);
        Reports.MetricCorrelation c = analysis.correlate(id, "train/loss", "train/learning_rate", 5);
        Reports.Insights ins = analysis.insights(id);

        assertThat(lc.curves()).extracting(CurveReport::key).containsExactly("train/loss", "eval/loss");
        assertThat(lc.gaps()).singleElement().satisfies(g -> assertThat(g.evalMetric()).isEqualTo("eval/loss"));
        assertThat(p.targetSource()).isEqualTo("double_last_step");
        assertThat(p.forecast().projected()).isNotNull();
        assertThat(p.forecast().lower()).isLessThanOrEqualTo(p.forecast().projected());
        assertThat(c.correlation().pearson()).isBetween(-1.0, 1.0);
        assertThat(ins.insights()).extracting(Reports.Insight::code).contains("LEARNING_SUMMARY");
        assertThat(ins.insights()).allSatisfy(i -> assertThat(i.evidence()).isNotEmpty());
    }

    @Test
    void watchRunShowsTheLatestWindowAndWhatChangedSinceAStep() {
        String id = run("llama3.1-8b-lora-r32-openhermes").id();
        WatchReport w = analysis.watch(id, List.of("train/loss"), 1000L, 50);

        WatchReport.Watched loss = w.metrics().getFirst();
        assertThat(loss.window()).hasSize(50);
        assertThat(loss.window().getLast().step()).isEqualTo(loss.latestStep());
        assertThat(loss.valueAtSince()).isNotNull();
        assertThat(loss.change()).isNegative();
        assertThat(loss.newPoints()).isEqualTo((int) (loss.latestStep() - 1000));
        assertThat(w.nextSinceStep()).isEqualTo(loss.latestStep());
    }

    @Test
    void badInputGetsAClearMessage() {
        Run r = tracking.createRun(ADA, NewRun.of("bad-input", "odd-series"));
        long[] two = { 1, 2 };
        long[] five = { 1, 2, 3, 4, 5 };
        double nan = Double.NaN;
        tracking.logMetrics(ADA, r.id(),
                Map.of("short", new MetricColumns(two, new double[] { 1, 2 }, two), "nan",
                        new MetricColumns(five, new double[] { nan, nan, nan, nan, nan }, five), "flat",
                        new MetricColumns(five, new double[] { 3, 3, 3, 3, 3 }, five)));

        assertThatThrownBy(() -> analysis.progression(r.id(), "short", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 finite point(s)")
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> analysis.criticalMoments(r.id(), "nan", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only NaN/infinite values");
        assertThatThrownBy(() -> analysis.correlate(r.id(), "flat", "short", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is constant");
        assertThatThrownBy(() -> analysis.predict(r.id(), "val/acc", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no metric 'val/acc'").hasMessageContaining("flat, nan, short");
        String sweepRun = run("resnet18-cifar10-sweep-lr0.1-bs128").id();
        String rlRun = run("ppo-pong-seed1").id();
        assertThatThrownBy(() -> analysis.compareRuns(List.of(sweepRun, rlRun), "val/acc", null, "last"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mismatched runs")
                .hasMessageContaining(rlRun);
        assertThatThrownBy(() -> analysis.compareRuns(List.of(sweepRun, sweepRun), null, null, "last"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> analysis.diagnose("nope")).isInstanceOf(NotFoundException.class);
    }
}

package dev.observatory.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies (search, lookup, summaries) and scorecards (aggregation, missing cells, order, PNG) over sample data. */
class ScorecardsTest {
    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    List<EvalSubject> ckpts;

    @BeforeEach
    void data() {
        ckpts = EvalSamples.write(store, "nav", 20, 4, 3, 7, NOW);
    }

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    ScorecardRequest request(List<EvalSubject> policies, Aggregation agg) {
        return new ScorecardRequest(policies, null, 200, List.of(), "reward", agg, false, false);
    }

    @Test
    void searchFindsCheckpointsAndVersionsByNameTypeTagsAndUserInNameOrder() {
        store.registry().createModel(new NewModel("navigator", null, null, "carol"));
        ModelVersion v = store.registry().createVersion(new NewModelVersion("navigator", "s3://b/k", null, null,
                Map.of("stage", "candidate"), "carol", null, null, null));
        Policies p = new Policies(tracking);

        Policies.SearchPage all = p.search(PolicyFilter.any(), 500, null);
        assertThat(all.total()).isEqualTo(21);
        assertThat(all.complete()).isTrue();
        assertThat(all.items().getFirst().name()).isEqualTo("navigator:v1");
        assertThat(all.items().get(1).name()).isEqualTo("ppo-000@1000");
        assertThat(p.search(new PolicyFilter("PPO-001", null, null, null, null, false), 500, null).total())
                .isEqualTo(10);
        assertThat(p.search(new PolicyFilter(null, EvalSubjectKind.MODEL_VERSION, null, null, null, false), 500, null)
                .items()).extracting(Policy::subject)
                        .containsExactly(new EvalSubject(EvalSubjectKind.MODEL_VERSION, v.id()));
        assertThat(p.search(new PolicyFilter(null, null, List.of("stage"), "carol", null, false), 500, null).total())
                .isEqualTo(1);
        assertThat(p.search(new PolicyFilter(null, null, List.of("ppo", "a"), "alice", "nav", true), 500, null).total())
                .isEqualTo(10);
        assertThat(p.search(new PolicyFilter(null, null, null, null, null, true), 500, null).total()).isEqualTo(20);
        Policies.SearchPage page = p.search(PolicyFilter.any(), 15, null);
        assertThat(page.items()).hasSize(15);
        assertThat(p.search(PolicyFilter.any(), 15, page.nextCursor()).items()).hasSize(6);
    }

    @Test
    void summariesGiveCountMeanMinMaxAndLastPerEvalAndMetric() {
        Map<EvalSubject, List<EvalSummary>> s = new Policies(tracking).summaries(List.of(ckpts.get(0)), 10_000);
        List<EvalSummary> first = s.get(ckpts.get(0));
        assertThat(first).hasSize(8);
        EvalSummary reward = first.stream()
                .filter(e -> e.evalName().equals("nav/eval_000") && e.metric().equals("reward")).findFirst()
                .orElseThrow();
        assertThat(reward.count()).isEqualTo(3);
        assertThat(reward.min()).isLessThanOrEqualTo(reward.mean()).isLessThanOrEqualTo(reward.max());
    }

    @Test
    void aScorecardAggregatesEachCellAndMarksMissingOnes() {
        Scorecard mean = new Scorecards(tracking).generate(request(ckpts, Aggregation.MEAN));
        Scorecard max = new Scorecards(tracking).generate(request(ckpts, Aggregation.MAX));
        Scorecard min = new Scorecards(tracking).generate(request(ckpts, Aggregation.MIN));

        assertThat(mean.evals()).containsExactly("nav/eval_000", "nav/eval_001", "nav/eval_002", "nav/eval_003");
        assertThat(mean.policies()).hasSize(20);
        assertThat(mean.missing()).isEqualTo(4);
        assertThat(mean.counts()[4][0]).isZero();
        assertThat(mean.values()[4][0]).isNaN();
        assertThat(mean.counts()[0][0]).isEqualTo(3);
        assertThat(mean.resultsRead()).isEqualTo(3 * (80 - 4));
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 4; j++) {
                if (mean.counts()[i][j] > 0) {
                    assertThat(min.values()[i][j]).isLessThan(mean.values()[i][j]);
                    assertThat(mean.values()[i][j]).isLessThan(max.values()[i][j]);
                }
            }
        }
        assertThat(mean.min()).isLessThan(mean.max());
    }

    @Test
    void lastTakesTheMostRecentlyRecordedValue() {
        EvalSubject p = ckpts.get(0);
        new Evals(tracking).record(new Actor("t", "test"),
                List.of(new EvalInput(p, "nav/eval_000", "reward", 42.0, 9L, null, null)));
        Tracking later = new Tracking(store, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), false, auditor);
        new Evals(later).record(new Actor("t", "test"),
                List.of(new EvalInput(p, "nav/eval_000", "reward", -7.0, 10L, null, null)));

        Scorecard last = new Scorecards(tracking).generate(request(List.of(p), Aggregation.LAST));
        assertThat(last.values()[0][0]).isEqualTo(-7.0);
    }

    @Test
    void theDefaultSelectionTakesEvaluatedPoliciesAndSortingByScorePutsTheBestFirst() {
        Scorecard byScore = new Scorecards(tracking)
                .generate(new ScorecardRequest(List.of(), new PolicyFilter("ppo-000", null, null, null, null, false), 5,
                        List.of("nav/eval_001"), "reward", Aggregation.MEAN, true, false));

        assertThat(byScore.policies()).extracting(Policy::name).containsExactly("ppo-000@4000", "ppo-000@3000",
                "ppo-000@2000", "ppo-000@1000", "ppo-000@10000");
        assertThat(byScore.rowMeans()[3]).isLessThan(byScore.rowMeans()[0]);
        assertThat(byScore.rowMeans()[4]).as("the checkpoint without eval_001 comes last").isNaN();
    }

    @Test
    void badRequestsSayWhatToFix() {
        Scorecards s = new Scorecards(tracking);
        assertThatThrownBy(() -> s
                .generate(new ScorecardRequest(ckpts, null, 200, List.of(), "nope", Aggregation.MEAN, false, false)))
                        .hasMessageContaining("has results for metric 'nope'");
        assertThatThrownBy(
                () -> s.generate(new ScorecardRequest(List.of(), new PolicyFilter("zzz", null, null, null, null, false),
                        10, List.of(), "reward", Aggregation.MEAN, false, false)))
                                .hasMessageContaining("no evaluated policy matches");
        assertThatThrownBy(() -> s
                .generate(new ScorecardRequest(ckpts, null, 0, List.of(), "reward", Aggregation.MEAN, false, false)))
                        .hasMessageContaining("max_policies");
        assertThatThrownBy(() -> Aggregation.parse("median")).hasMessageContaining("mean, max, min, last");
        assertThatThrownBy(() -> EvalSubject.parse("checkpoint")).hasMessageContaining("'kind:id'");
    }

    @Test
    void theHeatmapIsAPngWithARowPerPolicyAndColoursFromWorstToBest() throws Exception {
        Scorecard sc = new Scorecards(tracking).generate(request(ckpts, Aggregation.MEAN));
        byte[] png = ScorecardImage.png(sc, false);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(img.getHeight()).isGreaterThan(20 * 18);
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(420);
        assertThat(ScorecardImage.color(0).getRed()).isGreaterThan(ScorecardImage.color(0).getGreen());
        assertThat(ScorecardImage.color(1).getGreen()).isGreaterThan(ScorecardImage.color(1).getRed());
        assertThat(ScorecardImage.position(3, 1, 3, false)).isEqualTo(1.0);
        assertThat(ScorecardImage.position(3, 1, 3, true)).isEqualTo(0.0);
    }

    @Test
    void policiesGivenByReferenceAreResolvedTogetherInTheirOrderAsOneByOne() {
        store.registry().createModel(new NewModel("navigator", null, null, "carol"));
        ModelVersion v = store.registry().createVersion(
                new NewModelVersion("navigator", "s3://b/k", null, null, Map.of(), "carol", null, null, null));
        EvalSubject version = new EvalSubject(EvalSubjectKind.MODEL_VERSION, v.id());
        String runId = store.artifacts().get(ckpts.get(0).id()).orElseThrow().runId();
        EvalSubject run = new EvalSubject(EvalSubjectKind.RUN, runId);
        List<EvalSubject> refs = List.of(ckpts.get(5), version, ckpts.get(1), run, ckpts.get(5), ckpts.get(0));
        Policies p = new Policies(tracking);

        List<Policy> resolved = p.resolveAll(refs);

        assertThat(resolved).extracting(Policy::subject).containsExactly(ckpts.get(5), version, ckpts.get(1), run,
                ckpts.get(0));
        assertThat(resolved).containsExactly(p.resolve(ckpts.get(5)), p.resolve(version), p.resolve(ckpts.get(1)),
                p.resolve(run), p.resolve(ckpts.get(0)));
        EvalSubject missing = new EvalSubject(EvalSubjectKind.CHECKPOINT, "feedfacecafebeef");
        assertThatThrownBy(() -> p.resolveAll(List.of(ckpts.get(0), missing)))
                .isInstanceOf(dev.observatory.store.NotFoundException.class).hasMessageContaining("feedfacecafebeef");
        String report = store.artifacts()
                .put(new dev.observatory.model.artifact.NewArtifact(runId, "nav", "report.html", 5, null, "text/html",
                        dev.observatory.model.artifact.ArtifactKind.REPORT, null, null, null, "k/r"))
                .id();
        assertThatThrownBy(
                () -> p.resolveAll(List.of(ckpts.get(0), new EvalSubject(EvalSubjectKind.CHECKPOINT, report))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a checkpoint");
        Scorecard byRefs = new Scorecards(tracking).generate(request(refs.subList(0, 3), Aggregation.MEAN));
        assertThat(byRefs.policies()).extracting(Policy::subject).containsExactly(ckpts.get(5), version, ckpts.get(1));
    }
}

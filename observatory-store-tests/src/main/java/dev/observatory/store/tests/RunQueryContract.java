package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import dev.observatory.store.RunQuery.MetricFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runs table: filters, sorting, paging, counting and search. Five runs, created in this order:
 *
 * <pre>
 * project name       status    tags               params                          latest loss  started  ended
 * vision  resnet-a   FINISHED  baseline, resnet   lr=0.001 batch=32 opt=adam      0.5          t+30     t+100
 * vision  resnet-b   RUNNING   resnet             lr=0.01 batch=32                0.3          t+10     -
 * vision  vgg-big    FAILED    -                  lr=0.001 batch=64               -            t+20     t+50
 * vision  tiny-net   QUEUED    baseline           lr=0.1 amp=true                 0.9          -        -
 * nlp     bert-base  RUNNING   baseline           lr=0.001                        0.1          t+40     -
 * </pre>
 */
abstract class RunQueryContract extends StorageFixture {

    Run resnetA;
    Run resnetB;
    Run vggBig;
    Run tinyNet;
    Run bertBase;

    @BeforeEach
    void runs() {
        project("vision");
        project("nlp");
        resnetA = create("vision", "resnet-a", RunStatus.RUNNING, List.of("baseline", "resnet"),
                Map.of("lr", 0.001, "batch", 32, "opt", "adam"), 30, 0.5);
        resnetB = create("vision", "resnet-b", RunStatus.RUNNING, List.of("resnet"), Map.of("lr", 0.01, "batch", 32),
                10, 0.3);
        vggBig = create("vision", "vgg-big", RunStatus.RUNNING, List.of(), Map.of("lr", 0.001, "batch", 64), 20,
                Double.NaN);
        tinyNet = create("vision", "tiny-net", RunStatus.QUEUED, List.of("baseline"), Map.of("lr", 0.1, "amp", true),
                -1, 0.9);
        bertBase = create("nlp", "bert-base", RunStatus.RUNNING, List.of("baseline"), Map.of("lr", 0.001), 40, 0.1);
        resnetA = storage.runs().update(resnetA.id(),
                new RunPatch(null, RunStatus.FINISHED, null, null, null, at(100), null));
        vggBig = storage.runs().update(vggBig.id(),
                new RunPatch(null, RunStatus.FAILED, null, null, null, at(50), null));
    }

    private Run create(String project, String name, RunStatus status, List<String> tags, Map<String, Object> params,
            long startedAfterT0, double latestLoss) {
        pause();
        Run run = storage.runs().create(new NewRun(project, name, status, null, tags, params, null,
                startedAfterT0 < 0 ? null : at(startedAfterT0), null, null));
        if (!Double.isNaN(latestLoss)) {
            // the minimum is below every threshold used here: filters and sorting must use the latest value
            append(run.id(), "loss", stepsFrom(0, 2.0, 0.01, latestLoss));
        }
        return run;
    }

    private static RunQuery query(String project, Set<RunStatus> statuses, List<String> tags,
            Map<String, String> params, List<MetricFilter> metricFilters, String nameContains) {
        return new RunQuery(project, statuses, tags, params, metricFilters, nameContains, "name", false, 100, 0);
    }

    private static RunQuery sortedBy(String project, String sort, boolean descending) {
        return new RunQuery(project, null, null, null, null, null, sort, descending, 100, 0);
    }

    private List<String> names(RunQuery query) {
        return storage.runs().list(query).stream().map(Run::name).toList();
    }

    private List<String> lossFilter(String op, double value) {
        return names(query(null, null, null, null, List.of(new MetricFilter("loss", op, value)), null));
    }

    @Test
    void listsEveryRunWithoutFilters() {
        assertThat(names(query(null, null, null, null, null, null))).containsExactly("bert-base", "resnet-a",
                "resnet-b", "tiny-net", "vgg-big");
    }

    @Test
    void returnsTheSameRunsAsGet() {
        assertThat(storage.runs().list(query("vision", null, null, null, null, "resnet-a")))
                .containsExactly(storage.runs().get(resnetA.id()).orElseThrow());
    }

    @Test
    void filtersByProject() {
        assertThat(names(query("nlp", null, null, null, null, null))).containsExactly("bert-base");
        assertThat(names(query("vision", null, null, null, null, null))).containsExactly("resnet-a", "resnet-b",
                "tiny-net", "vgg-big");
        assertThat(names(query("unknown", null, null, null, null, null))).isEmpty();
    }

    @Test
    void filtersByAnyOfTheGivenStatuses() {
        assertThat(names(query(null, Set.of(RunStatus.RUNNING), null, null, null, null))).containsExactly("bert-base",
                "resnet-b");
        assertThat(names(query(null, Set.of(RunStatus.FAILED, RunStatus.QUEUED), null, null, null, null)))
                .containsExactly("tiny-net", "vgg-big");
    }

    @Test
    void filtersByRunsHavingEveryTag() {
        assertThat(names(query(null, null, List.of("baseline"), null, null, null))).containsExactly("bert-base",
                "resnet-a", "tiny-net");
        assertThat(names(query(null, null, List.of("baseline", "resnet"), null, null, null)))
                .containsExactly("resnet-a");
        assertThat(names(query(null, null, List.of("base"), null, null, null))).isEmpty();
    }

    @Test
    void filtersByParamsComparedAsStrings() {
        assertThat(names(query(null, null, null, Map.of("lr", "0.001"), null, null))).containsExactly("bert-base",
                "resnet-a", "vgg-big");
        assertThat(names(query(null, null, null, Map.of("lr", "0.001", "batch", "32"), null, null)))
                .containsExactly("resnet-a");
        assertThat(names(query(null, null, null, Map.of("amp", "true"), null, null))).containsExactly("tiny-net");
        assertThat(names(query(null, null, null, Map.of("opt", "adam"), null, null))).containsExactly("resnet-a");
        assertThat(names(query(null, null, null, Map.of("opt", "sgd"), null, null))).isEmpty();
    }

    @Test
    void filtersByThresholdsOnTheLatestMetricValue() {
        assertThat(lossFilter("<", 0.5)).containsExactly("bert-base", "resnet-b");
        assertThat(lossFilter("<=", 0.5)).containsExactly("bert-base", "resnet-a", "resnet-b");
        assertThat(lossFilter(">", 0.5)).containsExactly("tiny-net");
        assertThat(lossFilter(">=", 0.5)).containsExactly("resnet-a", "tiny-net");
        assertThat(lossFilter("=", 0.3)).containsExactly("resnet-b");
        assertThat(lossFilter("!=", 0.3)).containsExactly("bert-base", "resnet-a", "tiny-net");
    }

    @Test
    void aMetricFilterExcludesRunsWithoutThatMetric() {
        assertThat(lossFilter(">", -1000)).doesNotContain("vgg-big").hasSize(4);
        assertThat(names(query(null, null, null, null, List.of(new MetricFilter("accuracy", ">", 0)), null))).isEmpty();
    }

    @Test
    void filtersByNameCaseInsensitively() {
        assertThat(names(query(null, null, null, null, null, "RESNET"))).containsExactly("resnet-a", "resnet-b");
        assertThat(names(query(null, null, null, null, null, "Net"))).containsExactly("resnet-a", "resnet-b",
                "tiny-net");
    }

    @Test
    void combinesFiltersWithAnd() {
        RunQuery query = query("vision", Set.of(RunStatus.FINISHED, RunStatus.RUNNING), List.of("resnet"),
                Map.of("batch", "32"), List.of(new MetricFilter("loss", "<", 0.4)), "res");

        assertThat(names(query)).containsExactly("resnet-b");
    }

    @Test
    void sortsByNewestCreatedFirstByDefault() {
        assertThat(storage.runs().list(RunQuery.all(null, 100))).extracting(Run::name).containsExactly("bert-base",
                "tiny-net", "vgg-big", "resnet-b", "resnet-a");
        assertThat(names(sortedBy(null, "created_at", false))).containsExactly("resnet-a", "resnet-b", "vgg-big",
                "tiny-net", "bert-base");
    }

    @Test
    void sortsByName() {
        assertThat(names(sortedBy("vision", "name", false))).containsExactly("resnet-a", "resnet-b", "tiny-net",
                "vgg-big");
        assertThat(names(sortedBy("vision", "name", true))).containsExactly("vgg-big", "tiny-net", "resnet-b",
                "resnet-a");
    }

    @Test
    void sortsByStartAndEndTimeWithMissingTimesLast() {
        assertThat(names(sortedBy(null, "started_at", false))).containsExactly("resnet-b", "vgg-big", "resnet-a",
                "bert-base", "tiny-net");
        assertThat(names(sortedBy(null, "started_at", true))).containsExactly("bert-base", "resnet-a", "vgg-big",
                "resnet-b", "tiny-net");
        assertThat(names(sortedBy(null, "ended_at", false)).subList(0, 2)).containsExactly("vgg-big", "resnet-a");
        assertThat(names(sortedBy(null, "ended_at", true)).subList(0, 2)).containsExactly("resnet-a", "vgg-big");
    }

    @Test
    void sortsByStatus() {
        assertThat(names(sortedBy("vision", "status", false))).containsExactly("vgg-big", "resnet-a", "tiny-net",
                "resnet-b");
        assertThat(names(sortedBy("vision", "status", true))).containsExactly("resnet-b", "tiny-net", "resnet-a",
                "vgg-big");
    }

    @Test
    void sortsByTheLatestValueOfAMetricWithRunsLackingItLast() {
        assertThat(names(sortedBy(null, "metric:loss", false))).containsExactly("bert-base", "resnet-b", "resnet-a",
                "tiny-net", "vgg-big");
        assertThat(names(sortedBy(null, "metric:loss", true))).containsExactly("tiny-net", "resnet-a", "resnet-b",
                "bert-base", "vgg-big");
    }

    @Test
    void rejectsAnUnknownSortAttribute() {
        assertThatThrownBy(() -> storage.runs().list(sortedBy(null, "colour", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }

    @Test
    void pagesWithOffsetAndLimitInAStableOrderEvenWhenSortKeysTie() {
        for (int i = 0; i < 8; i++) {
            Run run = run("nlp", "tie-" + i);
            append(run.id(), "acc", stepsFrom(0, 0.75));
        }
        List<Run> all = storage.runs()
                .list(new RunQuery("nlp", null, null, null, null, "tie", "metric:acc", true, 8, 0));

        List<Run> paged = new ArrayList<>();
        for (long offset = 0; offset < 9; offset += 3) {
            paged.addAll(storage.runs()
                    .list(new RunQuery("nlp", null, null, null, null, "tie", "metric:acc", true, 3, offset)));
        }

        assertThat(all).hasSize(8);
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void aPageBeyondTheEndIsEmpty() {
        assertThat(storage.runs().list(new RunQuery(null, null, null, null, null, null, "name", false, 10, 5)))
                .isEmpty();
    }

    @Test
    void countsMatchingRunsIgnoringSortAndPaging() {
        RunQuery page = new RunQuery("vision", null, List.of("resnet"), null, null, null, "metric:loss", true, 1, 1);

        assertThat(storage.runs().count(page)).isEqualTo(2);
        assertThat(storage.runs().count(RunQuery.all(null, 1))).isEqualTo(5);
        assertThat(storage.runs().count(query(null, Set.of(RunStatus.KILLED), null, null, null, null))).isZero();
    }

    @Test
    void searchFindsRunsByNameOrTagCaseInsensitivelyNewestFirst() {
        assertThat(storage.runs().search("BASE", 10)).extracting(Run::name).containsExactly("bert-base", "tiny-net",
                "resnet-a");
        assertThat(storage.runs().search("resnet", 10)).extracting(Run::name).containsExactly("resnet-b", "resnet-a");
        assertThat(storage.runs().search("BASE", 2)).extracting(Run::name).containsExactly("bert-base", "tiny-net");
        assertThat(storage.runs().search("nothing-like-this", 10)).isEmpty();
    }
}

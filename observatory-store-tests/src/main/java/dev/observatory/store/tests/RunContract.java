package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating, reading and updating runs. */
abstract class RunContract extends StorageFixture {

    @BeforeEach
    void projects() {
        project("vision");
        project("nlp");
    }

    @Test
    void createsARunWithAGeneratedIdAndDefaults() {
        Instant before = Instant.now().minusSeconds(1);

        Run run = storage.runs().create(NewRun.of("vision", "baseline"));

        assertThat(run.id()).matches("[0-9a-f]{16}");
        assertThat(run.project()).isEqualTo("vision");
        assertThat(run.name()).isEqualTo("baseline");
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.tags()).isEmpty();
        assertThat(run.params()).isEmpty();
        assertThat(run.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(run.startedAt()).isNotNull();
        assertThat(run.endedAt()).isNull();
        assertThat(run.heartbeatAt()).isNull();
        assertThat(storage.runs().get(run.id())).contains(run);
    }

    @Test
    void generatesTheNameFromTheIdWhenNoneIsGiven() {
        Run run = storage.runs().create(NewRun.of("vision", null));

        assertThat(run.name()).isEqualTo("run-" + run.id().substring(0, 8));
    }

    @Test
    void keepsEveryFieldOfANewRunIncludingNestedParamsInOrder() {
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("name", "adamw");
        optimizer.put("betas", List.of(0.9, 0.999));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("zeta", "last-alphabetically-first-inserted");
        params.put("lr", 0.001);
        params.put("batch_size", 32);
        params.put("amp", true);
        params.put("optimizer", optimizer);
        params.put("scheduler", null);
        Instant started = at(10);

        Run run = storage.runs().create(new NewRun("vision", "full", RunStatus.RUNNING, "ada",
                List.of("resnet", "baseline"), params, "first try", started, "abc123", "gpu-1"));

        Run read = storage.runs().get(run.id()).orElseThrow();
        assertThat(read).isEqualTo(run);
        assertThat(read.user()).isEqualTo("ada");
        assertThat(read.tags()).containsExactly("resnet", "baseline");
        assertThat(read.params()).isEqualTo(params);
        assertThat(read.params().keySet()).containsExactly("zeta", "lr", "batch_size", "amp", "optimizer", "scheduler");
        assertThat(read.notes()).isEqualTo("first try");
        assertThat(read.startedAt()).isEqualTo(started);
        assertThat(read.gitCommit()).isEqualTo("abc123");
        assertThat(read.host()).isEqualTo("gpu-1");
    }

    @Test
    void aQueuedRunHasNoStartTime() {
        Run run = run("vision", "waiting", RunStatus.QUEUED, null, null);

        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.startedAt()).isNull();
    }

    @Test
    void aRunCreatedInATerminalStatusHasAnEndTime() {
        Run run = run("vision", "imported", RunStatus.FINISHED, null, null);

        assertThat(run.endedAt()).isNotNull();
    }

    @Test
    void rejectsARunInAnUnknownProject() {
        assertThatThrownBy(() -> run("nope", "r")).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void rejectsADuplicateRunNameInAProject() {
        run("vision", "baseline");

        assertThatThrownBy(() -> run("vision", "baseline")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("baseline");
    }

    @Test
    void allowsTheSameRunNameInAnotherProject() {
        Run a = run("vision", "baseline");
        Run b = run("nlp", "baseline");

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(storage.runs().get(b.id())).contains(b);
    }

    @Test
    void createsEachNameOnceWhenManyThreadsRaceForTheSameNames() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger conflicts = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        try {
                            run("vision", "race-" + i);
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(conflicts).hasValue(30);
        assertThat(storage.runs().count(RunQuery.all("vision", 100))).isEqualTo(10);
    }

    @Test
    void getOfAnUnknownRunIsEmpty() {
        assertThat(storage.runs().get("0123456789abcdef")).isEmpty();
    }

    @Test
    void updateMergesParamsKeyByKeyAndReplacesTags() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", 0.1);
        params.put("batch_size", 32);
        params.put("optimizer", Map.of("name", "adam"));
        Run run = run("vision", "r", RunStatus.RUNNING, List.of("a", "b"), params);

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("lr", 0.01);
        change.put("warmup", 100);
        Run updated = storage.runs().update(run.id(), new RunPatch(null, null, List.of("c"), change, null, null, null));

        assertThat(updated.tags()).containsExactly("c");
        assertThat(updated.params()).containsExactly(Map.entry("lr", 0.01), Map.entry("batch_size", 32),
                Map.entry("optimizer", Map.of("name", "adam")), Map.entry("warmup", 100));
        assertThat(storage.runs().get(run.id())).contains(updated);
    }

    @Test
    void updateLeavesNullFieldsUnchanged() {
        Run run = storage.runs().create(new NewRun("vision", "r", RunStatus.RUNNING, "ada", List.of("x"),
                Map.of("lr", 0.1), "notes", at(0), "abc", "host"));

        Run updated = storage.runs().update(run.id(), new RunPatch(null, null, null, null, null, null, null));

        assertThat(updated).isEqualTo(run);
    }

    @Test
    void updateRenamesAndEditsNotes() {
        Run run = run("vision", "old");

        Run updated = storage.runs().update(run.id(), new RunPatch("new", null, null, null, "better", null, null));

        assertThat(updated.name()).isEqualTo("new");
        assertThat(updated.notes()).isEqualTo("better");
        assertThat(storage.runs().get(run.id())).contains(updated);
    }

    @Test
    void renamingToANameTakenInTheProjectConflicts() {
        run("vision", "taken");
        Run run = run("vision", "mine");

        assertThatThrownBy(
                () -> storage.runs().update(run.id(), new RunPatch("taken", null, null, null, null, null, null)))
                        .isInstanceOf(ConflictException.class);
        assertThat(storage.runs().get(run.id()).orElseThrow().name()).isEqualTo("mine");
    }

    @Test
    void finishingARunSetsItsEndTime() {
        Run run = run("vision", "r");
        Instant before = Instant.now().minusSeconds(1);

        Run finished = storage.runs().update(run.id(), RunPatch.status(RunStatus.FINISHED));

        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.endedAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(storage.runs().get(run.id())).contains(finished);
    }

    @Test
    void everyTerminalStatusSetsTheEndTime() {
        for (RunStatus status : Arrays.stream(RunStatus.values()).filter(RunStatus::terminal).toList()) {
            Run run = run("vision", "r-" + status.wire());

            assertThat(storage.runs().update(run.id(), RunPatch.status(status)).endedAt()).as(status.wire())
                    .isNotNull();
        }
    }

    @Test
    void finishingKeepsAnExplicitEndTime() {
        Run run = run("vision", "r");

        Run failed = storage.runs().update(run.id(),
                new RunPatch(null, RunStatus.FAILED, null, null, null, at(3600), null));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.endedAt()).isEqualTo(at(3600));
    }

    @Test
    void startingAQueuedRunSetsItsStartTime() {
        Run run = run("vision", "waiting", RunStatus.QUEUED, null, null);

        Run started = storage.runs().update(run.id(), RunPatch.status(RunStatus.RUNNING));

        assertThat(started.startedAt()).isNotNull();
        assertThat(started.endedAt()).isNull();
    }

    @Test
    void recordsHeartbeats() {
        Run run = run("vision", "r");

        Run beat = storage.runs().update(run.id(), RunPatch.heartbeat(at(42)));

        assertThat(beat.heartbeatAt()).isEqualTo(at(42));
        assertThat(beat.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(storage.runs().get(run.id()).orElseThrow().heartbeatAt()).isEqualTo(at(42));
    }

    @Test
    void updatingAnUnknownRunFails() {
        assertThatThrownBy(() -> storage.runs().update("0123456789abcdef", RunPatch.status(RunStatus.FINISHED)))
                .isInstanceOf(NotFoundException.class);
    }
}

package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.LogLine;
import dev.observatory.model.Run;
import dev.observatory.store.LogQuery;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run log lines: sequence numbers, tail, grep, level and stream filters, paging backwards. */
abstract class LogContract extends StorageFixture {

    Run run;

    @BeforeEach
    void aRun() {
        project("vision");
        run = run("vision", "r");
    }

    static LogLine line(String stream, String level, String text) {
        return new LogLine(null, 0, at(1), stream, level, text);
    }

    private void append(String... texts) {
        List<LogLine> lines = new ArrayList<>();
        for (String text : texts) {
            lines.add(line("stdout", null, text));
        }
        storage.logs().append(run.id(), lines);
    }

    private List<String> texts(LogQuery query) {
        return storage.logs().query(run.id(), query).stream().map(LogLine::text).toList();
    }

    private static LogQuery grep(String text) {
        return new LogQuery(text, null, null, Long.MAX_VALUE, 100);
    }

    private static LogQuery level(String level) {
        return new LogQuery(null, level, null, Long.MAX_VALUE, 100);
    }

    @Test
    void keepsEveryFieldAndAssignsIncreasingSequenceNumbers() {
        storage.logs().append(run.id(), List.of(new LogLine("ignored", 99, at(5), "stderr", "WARN", "careful"),
                new LogLine(null, 0, at(6), "stdout", null, "epoch 1")));
        append("epoch 2", "epoch 3");

        List<LogLine> lines = storage.logs().query(run.id(), LogQuery.tail(100));

        assertThat(lines).extracting(LogLine::text).containsExactly("careful", "epoch 1", "epoch 2", "epoch 3");
        assertThat(lines).extracting(LogLine::seq).isSorted().doesNotHaveDuplicates();
        assertThat(lines).allSatisfy(l -> assertThat(l.runId()).isEqualTo(run.id()));
        assertThat(lines.get(0))
                .isEqualTo(new LogLine(run.id(), lines.get(0).seq(), at(5), "stderr", "WARN", "careful"));
        assertThat(lines.get(1).level()).isNull();
    }

    @Test
    void tailsTheLastLinesInOrder() {
        for (int i = 1; i <= 10; i++) {
            append("line " + i);
        }

        assertThat(texts(LogQuery.tail(3))).containsExactly("line 8", "line 9", "line 10");
    }

    @Test
    void pagesBackwardsWithBeforeSeq() {
        for (int i = 1; i <= 10; i++) {
            append("line " + i);
        }
        List<LogLine> last = storage.logs().query(run.id(), LogQuery.tail(4));

        List<LogLine> previous = storage.logs().query(run.id(), new LogQuery(null, null, null, last.get(0).seq(), 4));

        assertThat(previous).extracting(LogLine::text).containsExactly("line 3", "line 4", "line 5", "line 6");
        List<LogLine> first = storage.logs().query(run.id(), new LogQuery(null, null, null, previous.get(0).seq(), 4));
        assertThat(first).extracting(LogLine::text).containsExactly("line 1", "line 2");
    }

    @Test
    void grepsCaseInsensitivelyForALiteralSubstring() {
        append("Epoch 1 loss=2.3", "RuntimeError: CUDA out of memory", "cuda ok", "50% done", "500 items", "a_b",
                "axb");

        assertThat(texts(grep("cuda"))).containsExactly("RuntimeError: CUDA out of memory", "cuda ok");
        assertThat(texts(grep("50%"))).containsExactly("50% done");
        assertThat(texts(grep("a_b"))).containsExactly("a_b");
        assertThat(texts(grep("nothing"))).isEmpty();
    }

    @Test
    void filtersByMinimumLevelCountingLinesWithoutLevelAsInfo() {
        storage.logs().append(run.id(), List.of(line("stdout", "DEBUG", "d"), line("stdout", "INFO", "i"),
                line("stdout", null, "plain"), line("stderr", "WARN", "w"), line("stderr", "ERROR", "e")));

        assertThat(texts(level("ERROR"))).containsExactly("e");
        assertThat(texts(level("WARN"))).containsExactly("w", "e");
        assertThat(texts(level("INFO"))).containsExactly("i", "plain", "w", "e");
        assertThat(texts(level("DEBUG"))).containsExactly("d", "i", "plain", "w", "e");
    }

    @Test
    void filtersByStream() {
        storage.logs().append(run.id(),
                List.of(line("stdout", null, "out 1"), line("stderr", null, "err 1"), line("stdout", null, "out 2")));

        assertThat(texts(new LogQuery(null, null, "stderr", Long.MAX_VALUE, 10))).containsExactly("err 1");
        assertThat(texts(new LogQuery(null, null, "stdout", Long.MAX_VALUE, 10))).containsExactly("out 1", "out 2");
    }

    @Test
    void combinesGrepLevelStreamAndLimit() {
        storage.logs().append(run.id(),
                List.of(line("stderr", "ERROR", "oom 1"), line("stdout", "ERROR", "oom 2"),
                        line("stderr", "INFO", "oom 3"), line("stderr", "ERROR", "oom 4"),
                        line("stderr", "ERROR", "oom 5"), line("stderr", "ERROR", "fine")));

        assertThat(texts(new LogQuery("OOM", "ERROR", "stderr", Long.MAX_VALUE, 2))).containsExactly("oom 4", "oom 5");
    }

    @Test
    void countsLinesPerRun() {
        Run other = run("vision", "other");
        append("a", "b", "c");
        storage.logs().append(other.id(), List.of(line("stdout", null, "x")));

        assertThat(storage.logs().lineCount(run.id())).isEqualTo(3);
        assertThat(storage.logs().lineCount(other.id())).isEqualTo(1);
        assertThat(texts(LogQuery.tail(10))).containsExactly("a", "b", "c");
    }

    @Test
    void appendingToAnUnknownRunFails() {
        assertThatThrownBy(() -> storage.logs().append("0123456789abcdef", List.of(line("stdout", null, "x"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void queriesManyRunsAtOnceExactlyAsEachRunAlone() {
        Run second = run("vision", "second");
        Run quiet = run("vision", "quiet");
        storage.logs().append(run.id(), List.of(line("stdout", "ERROR", "a1 Boom"), line("stdout", "INFO", "a2 boom"),
                line("stderr", "ERROR", "a3 boom"), line("stdout", "ERROR", "a4")));
        storage.logs().append(second.id(), List.of(line("stdout", "ERROR", "b1 boom"), line("stdout", "WARN", "b2")));
        List<String> ids = List.of(second.id(), run.id(), quiet.id());

        Map<String, List<LogLine>> errors = storage.logs().queryRuns(ids,
                new LogQuery(null, "ERROR", null, Long.MAX_VALUE, 2));

        assertThat(errors.keySet()).containsExactly(second.id(), run.id(), quiet.id());
        assertThat(errors.get(run.id())).extracting(LogLine::text).containsExactly("a3 boom", "a4");
        assertThat(errors.get(second.id())).extracting(LogLine::text).containsExactly("b1 boom");
        assertThat(errors.get(quiet.id())).isEmpty();
        for (LogQuery q : List.of(new LogQuery("BOOM", null, "stdout", Long.MAX_VALUE, 10), LogQuery.tail(3))) {
            Map<String, List<LogLine>> all = storage.logs().queryRuns(ids, q);
            for (String id : ids) {
                assertThat(all.get(id)).as(q + " of " + id).isEqualTo(storage.logs().query(id, q));
            }
        }
    }
}

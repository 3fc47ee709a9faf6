package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.StoreException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of span batches on a real DuckDB file: every batch of a group is acknowledged only once it is committed,
 * a failing batch fails alone (its caller gets the error, nothing of it is stored) and never takes the others down.
 */
class DuckDbSpanIngestTest {

    static final long T0 = 1_735_689_600_000_000_000L;

    @TempDir
    Path dir;

    DuckDBConnection connection;
    DuckDbSpanIngest ingest;

    @BeforeEach
    void open() throws SQLException {
        connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
        Migrations.apply(connection, "duckdb");
        ingest = new DuckDbSpanIngest(connection);
    }

    @AfterEach
    void close() throws SQLException {
        ingest.close();
        connection.close();
    }

    static TracedSpan span(int trace, int span) {
        return new TracedSpan(new Span(String.format("%032x", trace), String.format("%016x", span), null, "svc", "op",
                SpanKind.SERVER, T0 + span, T0 + span + 10, SpanStatus.OK, null, Map.of(), Map.of(), "", "", List.of(),
                List.of()), SpanFacts.NONE);
    }

    static DuckDbWriter.SpanTask task(int trace, int spans) {
        List<Object[]> rows = new ArrayList<>();
        for (int s = 1; s <= spans; s++) {
            Object[] values = JdbcSpanRows.values(span(trace, s), null);
            Object[] row = Arrays.copyOf(values, values.length + 1);
            row[values.length] = DuckDbTraces.traceKey(String.format("%032x", trace));
            rows.add(row);
        }
        return new DuckDbWriter.SpanTask(new DuckDbSpanIngest.Batch(rows, T0 + 1, T0 + spans),
                new CompletableFuture<>());
    }

    /** A batch whose last row breaks a NOT NULL column: the database refuses it when it is appended or committed. */
    static DuckDbWriter.SpanTask broken(int trace, int spans) {
        DuckDbWriter.SpanTask t = task(trace, spans);
        t.batch().rows().get(spans - 1)[4] = null; // name
        return t;
    }

    long stored(int trace) throws SQLException {
        return DuckDbSql.count(connection, "SELECT count(*) FROM spans WHERE trace_id = ?",
                String.format("%032x", trace));
    }

    @Test
    void aGroupIsCommittedTogetherAndEveryBatchAcknowledgedAfterTheCommit() throws SQLException {
        List<DuckDbWriter.SpanTask> group = List.of(task(1, 300), task(2, 200), task(3, 12));

        ingest.commit(group);

        assertThat(group).allSatisfy(t -> assertThat(t.done()).isCompleted().isNotCompletedExceptionally());
        assertThat(stored(1)).isEqualTo(300);
        assertThat(stored(2)).isEqualTo(200);
        assertThat(stored(3)).isEqualTo(12);
    }

    @Test
    void aFailingBatchFailsItsOwnCallerOnlyAndLeavesNothingOfItself() throws SQLException {
        DuckDbWriter.SpanTask good = task(1, 100);
        DuckDbWriter.SpanTask bad = broken(2, 50);
        DuckDbWriter.SpanTask alsoGood = task(3, 7);

        ingest.commit(List.of(good, bad, alsoGood));

        assertThat(bad.done()).isCompletedExceptionally();
        assertThat(bad.done().handle((v, e) -> e).join()).isInstanceOf(StoreException.class);
        assertThat(stored(2)).isZero(); // not even its 49 valid rows
        assertThat(good.done()).isCompleted().isNotCompletedExceptionally();
        assertThat(alsoGood.done()).isCompleted().isNotCompletedExceptionally();
        assertThat(stored(1)).isEqualTo(100);
        assertThat(stored(3)).isEqualTo(7);
    }

    @Test
    void aLoneFailingBatchIsReportedAndTheNextGroupStillCommits() throws SQLException {
        DuckDbWriter.SpanTask bad = broken(2, 5);
        ingest.commit(List.of(bad));
        assertThat(bad.done()).isCompletedExceptionally();

        DuckDbWriter.SpanTask next = task(4, 3);
        ingest.commit(List.of(next));

        assertThat(next.done()).isCompleted().isNotCompletedExceptionally();
        assertThat(stored(2)).isZero();
        assertThat(stored(4)).isEqualTo(3);
    }

    @Test
    void aBatchSentTwiceInOneGroupOrLaterIsStoredOnce() throws SQLException {
        ingest.commit(List.of(task(1, 40), task(1, 40)));
        ingest.commit(List.of(task(1, 40)));

        assertThat(stored(1)).isEqualTo(40);
    }

    @Test
    void aBatchEarlierThanTheLatestStoredSpanIsStoredWholeAndOnlyOnceWhenSentAgain() throws SQLException {
        ingest.commit(List.of(later(9, 5))); // the latest start stored is now after the next batches
        ingest.commit(List.of(task(1, 40))); // unseen keys: appended without reading the range
        ingest.commit(List.of(task(1, 40))); // seen keys: the range is read and nothing is appended again

        assertThat(stored(1)).isEqualTo(40);
        assertThat(stored(9)).isEqualTo(5);
    }

    @Test
    void spansStoredBeforeTheWriterOpenedAreStillFoundWhenSentAgain() throws SQLException {
        ingest.commit(List.of(task(1, 40), later(9, 5)));
        ingest.close();
        ingest = new DuckDbSpanIngest(connection); // a restarted server: it remembers no keys

        ingest.commit(List.of(task(1, 40), task(2, 10)));

        assertThat(stored(1)).isEqualTo(40);
        assertThat(stored(2)).isEqualTo(10);
    }

    /** Trace {@code trace}'s spans dated a second after the others. */
    static DuckDbWriter.SpanTask later(int trace, int spans) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : task(trace, spans).batch().rows()) {
            row[8] = (Long) row[8] + 1_000_000_000L;
            row[9] = (Long) row[9] + 1_000_000_000L;
            rows.add(row);
        }
        return new DuckDbWriter.SpanTask(
                new DuckDbSpanIngest.Batch(rows, T0 + 1_000_000_001L, T0 + 1_000_000_000L + spans),
                new CompletableFuture<>());
    }

    @Test
    void theTraceKeyIsTheLastFifteenHexDigitsAndZeroForOtherIds() {
        assertThat(DuckDbTraces.traceKey("5eed0000000000000000000000000001")).isEqualTo(1);
        assertThat(DuckDbTraces.traceKey("0123456789abcdef0123456789abcdef")).isEqualTo(0x123456789abcdefL);
        assertThat(DuckDbTraces.traceKey("0123456789ABCDEF0123456789abcdef")).isZero();
        assertThat(DuckDbTraces.traceKey("abc")).isZero();
    }

    @Test
    void theStorageCheckpointsAtALargerWalSizeThanDuckDbsDefaultSoThatSpanCommitsDoNotRecompressEachTime()
            throws SQLException {
        Path file = dir.resolve("storage.duckdb");
        try (DuckDbStorage storage = DuckDbStorage.open(file);
                var c = DriverManager.getConnection("jdbc:duckdb:" + file); // the driver shares the open instance
                var rs = c.createStatement().executeQuery("SELECT current_setting('checkpoint_threshold')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("122.0 MiB"); // 128 MB; DuckDB's default is 16.0 MiB
        }
    }
}

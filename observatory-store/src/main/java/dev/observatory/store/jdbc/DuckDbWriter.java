package dev.observatory.store.jdbc;

import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the database. Callers hand it work and block until that work is committed (acknowledged
 * means durable). Consecutive metric batches are appended with the DuckDB Appender and committed together (group
 * commit), and so are consecutive span batches (DuckDbSpanIngest); consecutive other writes share one transaction as
 * well, and run again one by one when any of them fails. A DuckDB Appender works only on the thread that created it,
 * which is this one.
 */
final class DuckDbWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbWriter.class);
    private static final int MAX_TASKS_PER_ROUND = 1024;
    /**
     * Quiet time after the last write before the writer checkpoints: rows still held in the write-ahead log are read
     * without compression, zone maps or late fetching of wide columns (a chart over freshly ingested tiles took 10-20x
     * longer before the checkpoint than after it).
     */
    private static final long IDLE_CHECKPOINT_NANOS = 1_000_000_000L;
    /**
     * How long the writer waits for more journaled metric batches before applying the ones it has (decision 0039): a
     * group's fixed cost (BEGIN, three Appender flushes, the summary statements, the applied mark, COMMIT and DuckDB's
     * own WAL sync) is then paid once for several batches, and back-to-back calls do not each wake the writer to
     * compete for the CPU. Nobody waits meanwhile: the batches are acknowledged, and a read that needs them cuts the
     * wait short ({@link #hurry}). 0 applies at once, as before.
     */
    static final long APPLY_LINGER_NANOS = TimeUnit.MICROSECONDS
            .toNanos(Long.getLong("observatory.metricApplyLingerMicros", 10_000));
    /** Points that end the wait at once (a group this big amortises its fixed cost already). */
    private static final int LINGER_POINTS = 50_000;

    private sealed interface Task permits MetricTask, SqlTask, SpanTask, LayoutTask, Hurry {
        CompletableFuture<Object> done();
    }

    /**
     * A metric batch. {@code seq} > 0: a journaled batch, already acknowledged (nobody waits on done; {@code permits}
     * go back to the apply barrier once it is applied); 0: the caller waits until it is committed.
     */
    record MetricTask(String runId, Map<String, MetricColumns> batch, CompletableFuture<Object> done, long seq,
            int permits) implements Task {
    }

    /** Told, on the writer thread after the commit, which journaled batches are now applied (or dropped). */
    interface AppliedListener {
        void applied(long seq, int permits, java.util.Set<String> runIds);
    }

    private record SqlTask(DuckDbSql.SqlWork<?> work, CompletableFuture<Object> done) implements Task {
    }

    /** Ends the wait for more journaled batches (a read waits for them); does nothing else. */
    private record Hurry(CompletableFuture<Object> done) implements Task {
    }

    /** Rewrites the metric points' tail by series now, with these limits (tests; normally done in idle time). */
    private record LayoutTask(DuckDbPointLayout.Limits limits, CompletableFuture<Object> done) implements Task {
    }

    /** A batch of span rows; consecutive ones share one Appender and one commit (DuckDbSpanIngest). */
    record SpanTask(DuckDbSpanIngest.Batch batch, CompletableFuture<Object> done) implements Task {
    }

    private final DuckDBConnection connection;
    private final DuckDbMetricIngest metrics;
    private final DuckDbLogIngest logs;
    private final DuckDbSpanIngest spans;
    private final DuckDbPointLayout layout;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object submitLock = new Object();
    private boolean closing;
    private volatile AppliedListener appliedListener = (seq, permits, runs) -> {
    };
    private boolean uncheckpointed;
    private long lastWrite;

    DuckDbWriter(DuckDBConnection connection, java.time.Clock clock) {
        this.connection = connection;
        this.metrics = new DuckDbMetricIngest(connection);
        this.logs = new DuckDbLogIngest(connection, clock);
        this.spans = new DuckDbSpanIngest(connection);
        this.layout = new DuckDbPointLayout(connection);
        this.thread = Thread.ofPlatform().name("duckdb-writer").daemon(true).start(this::loop);
    }

    /** Runs the work in its own transaction on the writer thread; returns its result once committed. */
    @SuppressWarnings("unchecked")
    <T> T write(DuckDbSql.SqlWork<T> work) {
        return (T) await(submit(new SqlTask(work, new CompletableFuture<>())));
    }

    /** Appends a metric batch; returns once it is committed. */
    void appendMetrics(String runId, Map<String, MetricColumns> batch) {
        await(submit(new MetricTask(runId, batch, new CompletableFuture<>(), 0, 0)));
    }

    /** Queues a journaled batch (already acknowledged) without waiting; see {@link DuckDbMetricJournal}. */
    void enqueueJournaled(String runId, Map<String, MetricColumns> batch, long seq, int permits) {
        submit(new MetricTask(runId, batch, new CompletableFuture<>(), seq, permits));
    }

    /**
     * Applies the queued journaled batches now instead of waiting for more (called by a read that waits for them).
     */
    void hurry() {
        synchronized (submitLock) {
            if (!closing) {
                queue.add(new Hurry(null));
            }
        }
    }

    void onApplied(AppliedListener listener) {
        this.appliedListener = listener;
    }

    /**
     * Appends a batch of span rows (group commit with the other span batches waiting); returns once it is committed,
     * throws when it was not (nothing of it is stored then).
     */
    void appendSpans(DuckDbSpanIngest.Batch batch) {
        await(submit(new SpanTask(batch, new CompletableFuture<>())));
    }

    /** Appends log lines with new seq numbers; returns once they are committed. */
    void appendLogs(String runId, List<LogLine> lines) {
        write(c -> {
            logs.append(runId, lines);
            return null;
        });
    }

    private CompletableFuture<Object> submit(Task task) {
        synchronized (submitLock) {
            if (closing) {
                throw new StoreException("the DuckDB storage is closed", null);
            }
            queue.add(task);
        }
        return task.done();
    }

    private static Object await(CompletableFuture<Object> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("DuckDB write failed: " + e.getCause(), e.getCause());
        }
    }

    private void loop() {
        List<Task> round = new ArrayList<>();
        while (true) {
            Task first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                synchronized (submitLock) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                }
                idle();
                continue;
            }
            round.add(first);
            queue.drainTo(round, MAX_TASKS_PER_ROUND - 1);
            linger(round);
            round.removeIf(t -> t instanceof Hurry);
            if (round.isEmpty()) {
                continue;
            }
            runRound(round);
            round.clear();
            uncheckpointed = true;
            lastWrite = System.nanoTime();
        }
    }

    /**
     * While the round holds only journaled metric batches, fewer than {@link #LINGER_POINTS} points: waits up to
     * {@link #APPLY_LINGER_NANOS} for more, and stops at any other task (a write someone waits for, or a hurry).
     */
    private void linger(List<Task> round) {
        if (APPLY_LINGER_NANOS <= 0) {
            return;
        }
        long points = lingerPoints(round, 0, 0);
        long deadline = System.nanoTime() + APPLY_LINGER_NANOS;
        while (points >= 0 && points < LINGER_POINTS && round.size() < MAX_TASKS_PER_ROUND) {
            long left = deadline - System.nanoTime();
            Task next;
            try {
                next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                return;
            }
            int from = round.size();
            round.add(next);
            queue.drainTo(round, MAX_TASKS_PER_ROUND - round.size());
            points = lingerPoints(round, from, points);
        }
    }

    /** The points of the journaled batches in round[from..], added to {@code sum}; -1 once any other task is there. */
    private static long lingerPoints(List<Task> round, int from, long sum) {
        for (int i = from; i < round.size(); i++) {
            if (!(round.get(i) instanceof MetricTask m) || m.seq() == 0) {
                return -1;
            }
            for (var c : m.batch().values()) {
                sum += c.size();
            }
        }
        return sum;
    }

    /**
     * Once writes have paused for a second: rewrites the metric points ingested since the last time grouped by series,
     * one bounded step per call (docs/decisions/0035-metric-point-layout.md), then checkpoints. A write arriving in
     * between is taken first, and the rewrite resumes after the next quiet second.
     */
    private void idle() {
        if (System.nanoTime() - lastWrite < IDLE_CHECKPOINT_NANOS) {
            return;
        }
        if (layout.hasWork() && layoutStep()) {
            uncheckpointed = true;
            return;
        }
        checkpointWhenIdle();
    }

    /** One step of the metric point rewrite in its own transaction; false when there was nothing to do. */
    private boolean layoutStep() {
        try {
            DuckDbSql.exec(connection, "BEGIN TRANSACTION");
            DuckDbPointLayout.Step step = layout.step();
            DuckDbSql.exec(connection, "COMMIT");
            if (step == null) {
                return false;
            }
            layout.committed(step);
            return true;
        } catch (SQLException | RuntimeException e) {
            rollback();
            layout.failed(e);
            return false;
        }
    }

    /** Rewrites the metric points' tail by series now, to the end, with these limits (tests). */
    void compactPoints(DuckDbPointLayout.Limits limits) {
        await(submit(new LayoutTask(limits, new CompletableFuture<>())));
    }

    /** The metric point layout (tests: fault injection; the storage: whether a rewrite is pending). */
    DuckDbPointLayout pointLayout() {
        return layout;
    }

    /**
     * Moves what the write-ahead log holds into the database file once writes have paused. A plain CHECKPOINT fails
     * while another transaction runs (a long read): then it is tried again after the next quiet second.
     */
    private void checkpointWhenIdle() {
        if (!uncheckpointed || System.nanoTime() - lastWrite < IDLE_CHECKPOINT_NANOS) {
            return;
        }
        try {
            DuckDbSql.exec(connection, "CHECKPOINT");
            uncheckpointed = false;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("idle checkpoint skipped: {}", e.getMessage());
            lastWrite = System.nanoTime();
        }
    }

    private void runRound(List<Task> round) {
        int i = 0;
        while (i < round.size()) {
            if (round.get(i) instanceof LayoutTask t) {
                layout.limits(t.limits());
                while (layout.hasWork() && layoutStep()) {
                    uncheckpointed = true;
                }
                t.done().complete(null);
                i++;
                continue;
            }
            if (round.get(i) instanceof SpanTask) {
                List<SpanTask> group = new ArrayList<>();
                while (i < round.size() && round.get(i) instanceof SpanTask s) {
                    group.add(s);
                    i++;
                }
                spans.commit(group);
                continue;
            }
            if (round.get(i) instanceof SqlTask) {
                List<SqlTask> group = new ArrayList<>();
                while (i < round.size() && round.get(i) instanceof SqlTask sql) {
                    group.add(sql);
                    i++;
                }
                runSqlGroup(group);
                continue;
            }
            List<MetricTask> group = new ArrayList<>();
            while (i < round.size() && round.get(i) instanceof MetricTask m) {
                group.add(m);
                i++;
            }
            commitMetrics(group);
        }
    }

    /**
     * Commits a group of metric batches. Journaled ones have no caller waiting: when the group fails they are tried one
     * by one, a batch that still fails is dropped with an error in the log (it stays in the journal, and a later
     * group's commit moves the applied mark past it), and the listener hears of every journaled batch either way.
     */
    private void commitMetrics(List<MetricTask> group) {
        metrics.commit(group);
        layout.appended();
        long seq = 0;
        int permits = 0;
        java.util.Set<String> runs = new java.util.HashSet<>();
        for (MetricTask t : group) {
            if (t.seq() == 0) {
                continue;
            }
            Throwable failure = failure(t);
            if (failure != null && group.size() > 1 && !(failure instanceof NotFoundException)) {
                MetricTask alone = new MetricTask(t.runId(), t.batch(), new CompletableFuture<>(), t.seq(), 0);
                metrics.commit(List.of(alone));
                failure = failure(alone);
            }
            if (failure != null) {
                LOG.error("journaled metric batch {} of run {} was dropped: {}", t.seq(), t.runId(),
                        failure.getMessage());
            }
            seq = Math.max(seq, t.seq());
            permits += t.permits();
            runs.add(t.runId());
        }
        if (seq > 0) {
            appliedListener.applied(seq, permits, runs);
        }
    }

    /**
     * Runs the tasks in one transaction (one commit for all). When any of them fails, that transaction is rolled back
     * and every task runs again in a transaction of its own, so that one failure never undoes another caller's write.
     */
    private void runSqlGroup(List<SqlTask> group) {
        if (group.size() == 1) {
            runSql(group.get(0));
            return;
        }
        List<Object> results = new ArrayList<>();
        try {
            DuckDbSql.exec(connection, "BEGIN TRANSACTION");
            for (SqlTask task : group) {
                results.add(task.work().run(connection));
            }
            DuckDbSql.exec(connection, "COMMIT");
        } catch (Throwable e) {
            logs.forget(); // closing the appender flushes its rows into the transaction that is rolled back next
            rollback();
            group.forEach(this::runSql);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(results.get(i));
        }
    }

    private void runSql(SqlTask task) {
        try {
            DuckDbSql.exec(connection, "BEGIN TRANSACTION");
            Object result = task.work().run(connection);
            DuckDbSql.exec(connection, "COMMIT");
            task.done().complete(result);
        } catch (Throwable e) {
            logs.forget(); // closing the appender flushes its rows into the transaction that is rolled back next
            rollback();
            task.done().completeExceptionally(
                    e instanceof SQLException s ? new StoreException("DuckDB write failed: " + s.getMessage(), s) : e);
        }
    }

    private static Throwable failure(MetricTask t) {
        return t.done().handle((v, e) -> e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e)
                .join();
    }

    void rollback() {
        try {
            DuckDbSql.exec(connection, "ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    /** Finishes every queued write, then stops the thread. */
    @Override
    public void close() {
        synchronized (submitLock) {
            closing = true;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        logs.close();
        spans.close();
    }

    /** Writer thread only (an {@link AppliedListener}): a run's metric summaries as just committed, or null. */
    List<dev.observatory.model.MetricSummary> committedSummaries(String runId) {
        return metrics.committedSummaries(runId);
    }
}

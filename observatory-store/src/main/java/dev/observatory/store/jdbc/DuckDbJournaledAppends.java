package dev.observatory.store.jdbc;

import dev.observatory.model.MetricColumns;
import dev.observatory.store.NotFoundException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Metric appends through the journal (decision 0018): check the run, take room in the apply budget, write the record,
 * queue it for the writer in journal order, sync, return. The writer applies queued batches in groups and reports back;
 * this class then frees the budget, lets waiting reads through and deletes applied journal segments.
 */
final class DuckDbJournaledAppends {

    private static final int KNOWN_RUNS_LIMIT = 100_000;
    /**
     * Points acknowledged but not yet applied before appends wait (about 24 MB of queued columns; the ingest bench's
     * four clients keep 40,000 in flight, a bigger budget only raised the server's idle RSS after a burst).
     */
    private static final int BUDGET_POINTS = 1_000_000;

    private final DuckDbConnections db;
    private final DuckDbWriter writer;
    private final DuckDbApplyBarrier barrier;
    private volatile DuckDbMetricJournal journal;
    private final Set<String> knownRuns = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Set<String>> appliedRuns = runs -> {
    };

    /**
     * Opens the journal in {@code dir}, replays the records DuckDB has not applied yet (their sequence is above the one
     * recorded in the database) and waits until they are applied.
     */
    DuckDbJournaledAppends(DuckDbConnections db, DuckDbWriter writer, java.nio.file.Path dir, boolean fsync) {
        this.db = db;
        this.writer = writer;
        long applied = db.read(DuckDbMetricIngest::appliedSeq);
        this.barrier = new DuckDbApplyBarrier(BUDGET_POINTS, applied);
        barrier.onWait(writer::hurry);
        writer.onApplied((seq, permits, runs) -> {
            appliedRuns.accept(runs); // caches first: a read let through next must not see a stale value
            barrier.applied(seq, permits);
            DuckDbMetricJournal j = journal;
            if (j != null) {
                j.release(seq);
            }
        });
        DuckDbMetricJournal j = DuckDbMetricJournal.open(dir, fsync, applied, this::replay);
        barrier.awaitAll();
        j.release(j.lastSeq());
        this.journal = j;
    }

    DuckDbApplyBarrier barrier() {
        return barrier;
    }

    /** Called with the runs of every applied group, before waiting reads are let through. */
    void onApplied(Consumer<Set<String>> listener) {
        this.appliedRuns = listener;
    }

    /** Appends a batch; returns once it is in the journal (and synced, when the journal syncs). */
    void append(String runId, Map<String, MetricColumns> batch) {
        requireRun(runId);
        Map<String, MetricColumns> copy = new LinkedHashMap<>();
        int points = 0;
        for (Map.Entry<String, MetricColumns> e : batch.entrySet()) {
            MetricColumns c = e.getValue();
            copy.put(e.getKey(), new MetricColumns(c.steps().clone(), c.values().clone(), c.timestampsMs().clone()));
            points += c.size();
        }
        if (points == 0) {
            return;
        }
        ByteBuffer payload = DuckDbJournalCodec.encode(runId, copy);
        int permits = barrier.admit(points);
        long seq;
        try {
            seq = journal.append(payload, s -> {
                barrier.accepted(runId, s);
                writer.enqueueJournaled(runId, copy, s, permits);
            });
        } catch (RuntimeException e) {
            barrier.applied(0, permits);
            throw e;
        }
        journal.sync(seq);
    }

    /** Replays a journal record at open: queued like a new batch, already acknowledged long ago. */
    private void replay(DuckDbMetricJournal.Entry e) {
        DuckDbJournalCodec.Batch b = DuckDbJournalCodec.decode(e.payload());
        int points = b.batch().values().stream().mapToInt(MetricColumns::size).sum();
        int permits = barrier.admit(points);
        barrier.accepted(b.runId(), e.seq());
        writer.enqueueJournaled(b.runId(), b.batch(), e.seq(), permits);
    }

    private void requireRun(String runId) {
        if (knownRuns.contains(runId)) {
            return;
        }
        boolean exists = db.read(c -> DuckDbSql.count(c, "SELECT count(*) FROM runs WHERE id = ?", runId)) > 0;
        if (!exists) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
        if (knownRuns.size() >= KNOWN_RUNS_LIMIT) {
            knownRuns.clear();
        }
        knownRuns.add(runId);
    }

    /** Closes the journal after the writer stopped; deletes it when everything in it is applied. */
    void close() {
        boolean applied = false;
        try {
            barrier.awaitAll();
            applied = true;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DuckDbJournaledAppends.class).warn("closing the metric journal: {}",
                    e.getMessage());
        }
        journal.close(applied);
    }
}

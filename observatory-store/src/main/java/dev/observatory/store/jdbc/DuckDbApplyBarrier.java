package dev.observatory.store.jdbc;

import dev.observatory.store.StoreException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes for journaled metric batches (decision 0018): a batch is acknowledged before the writer applies it
 * to DuckDB, so a read of metric data first waits until every batch acknowledged before it (for that run, or at all) is
 * applied. Also bounds the points waiting to be applied, so that a writer that falls behind slows the callers down
 * instead of filling the heap.
 */
final class DuckDbApplyBarrier {

    /** How long a read waits for the writer before it reports that ingest is behind. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How often a waiting read asks the writer again not to wait for more batches. */
    private static final long HURRY_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Map<String, Long> pendingByRun = new ConcurrentHashMap<>();
    private final Semaphore budget;
    private final int budgetPoints;
    private final Object monitor = new Object();
    private volatile long accepted;
    private volatile long applied;
    private volatile Runnable hurry = () -> {
    };

    DuckDbApplyBarrier(int budgetPoints, long appliedSeq) {
        this.budgetPoints = budgetPoints;
        this.budget = new Semaphore(budgetPoints);
        this.accepted = appliedSeq;
        this.applied = appliedSeq;
    }

    /** Called before a read waits for batches not applied yet (the writer then applies them without delay). */
    void onWait(Runnable hurry) {
        this.hurry = hurry;
    }

    /** Blocks while the points waiting to be applied exceed the budget; returns the permits taken. */
    int admit(int points) {
        int permits = Math.max(1, Math.min(points, budgetPoints));
        try {
            if (!budget.tryAcquire(permits, MAX_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                throw new StoreException("metric ingest is behind: batches wait to be written to DuckDB; retry later",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to ingest metrics", e);
        }
        return permits;
    }

    /** Called (in sequence order, under the journal's lock) when the batch with this sequence is accepted. */
    void accepted(String runId, long seq) {
        pendingByRun.put(runId, seq);
        accepted = seq;
    }

    /** Called by the writer once the batches up to seq are applied (or dropped); frees their permits. */
    void applied(long seq, int permits) {
        budget.release(permits);
        synchronized (monitor) {
            applied = Math.max(applied, seq);
            monitor.notifyAll();
        }
        pendingByRun.values().removeIf(s -> s <= seq);
    }

    /** Waits until the run's acknowledged batches are applied. */
    void awaitRun(String runId) {
        Long seq = pendingByRun.get(runId);
        if (seq != null) {
            await(seq);
        }
    }

    /** Waits until every batch acknowledged so far is applied. */
    void awaitAll() {
        await(accepted);
    }

    private void await(long seq) {
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (applied < seq) {
            // again after each slice: a batch queued just after a hurry would otherwise wait out the writer's linger
            hurry.run();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StoreException(
                        "metric ingest is behind: the data is acknowledged but not yet readable;" + " retry the read",
                        null);
            }
            synchronized (monitor) {
                if (applied >= seq) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(left, HURRY_AGAIN_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for metric ingest", e);
                }
            }
        }
    }
}

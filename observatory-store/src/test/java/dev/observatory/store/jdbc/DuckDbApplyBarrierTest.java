package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A read that waits for acknowledged metric batches tells the writer to apply them now instead of waiting for more
 * (decision 0039); a read with nothing to wait for does not.
 */
class DuckDbApplyBarrierTest {

    @Test
    void aReadWaitingForABatchHurriesTheWriterAndGoesOnOnceItIsApplied() throws Exception {
        DuckDbApplyBarrier barrier = new DuckDbApplyBarrier(1000, 0);
        AtomicInteger hurried = new AtomicInteger();
        barrier.onWait(hurried::incrementAndGet);
        barrier.accepted("run-a", 1);
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> barrier.awaitRun("run-a"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hurried.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hurried.get()).isPositive();
        assertThat(read).isNotDone();
        barrier.applied(1, 1);
        read.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadWithNothingPendingNeitherWaitsNorHurries() {
        DuckDbApplyBarrier barrier = new DuckDbApplyBarrier(1000, 5);
        AtomicInteger hurried = new AtomicInteger();
        barrier.onWait(hurried::incrementAndGet);
        barrier.accepted("run-a", 6);
        barrier.applied(6, 1);
        barrier.awaitRun("run-a");
        barrier.awaitRun("run-b");
        barrier.awaitAll();
        assertThat(hurried.get()).isZero();
    }
}

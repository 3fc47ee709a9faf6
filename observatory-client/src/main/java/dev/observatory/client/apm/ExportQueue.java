package dev.observatory.client.apm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded queue in front of an exporter, drained by one daemon thread in batches of up to {@value #BATCH} within
 * {@value #FLUSH_MILLIS} ms. {@link #offer} never blocks: a full queue drops the call and counts it.
 */
final class ExportQueue implements AutoCloseable {
    static final int BATCH = 512;
    static final long FLUSH_MILLIS = 1000;
    private static final System.Logger LOG = System.getLogger(ExportQueue.class.getName());

    private final BlockingQueue<TraceContext> queue;
    private final ApmExporter exporter;
    private final Thread worker;
    final LongAdder dropped = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder exported = new LongAdder();
    private volatile boolean closed;

    ExportQueue(ApmExporter exporter, int capacity, String service) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.exporter = exporter;
        this.worker = Thread.ofPlatform().daemon().name("observatory-apm-" + service).unstarted(this::drain);
        worker.start();
    }

    void offer(TraceContext t) {
        if (closed || !queue.offer(t)) {
            dropped.increment();
        }
    }

    private void drain() {
        List<TraceContext> batch = new ArrayList<>(BATCH);
        long firstAt = 0;
        while (true) {
            boolean stopping = closed;
            try {
                TraceContext t = queue.poll(50, TimeUnit.MILLISECONDS);
                if (t != null) {
                    firstAt = batch.isEmpty() ? System.nanoTime() : firstAt;
                    batch.add(t);
                    queue.drainTo(batch, BATCH - batch.size());
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (batch.size() >= BATCH || stopping
                    || !batch.isEmpty() && System.nanoTime() - firstAt >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS)) {
                send(batch);
            }
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    private void send(List<TraceContext> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            exporter.export(List.copyOf(batch));
            exported.add(batch.size());
        } catch (Exception e) {
            failures.add(batch.size());
            LOG.log(System.Logger.Level.WARNING, "Observatory APM: export of {0} calls failed: {1}", batch.size(),
                    e.toString());
        } finally {
            batch.clear();
        }
    }

    /** Exports what is queued (waiting up to 10 s), then closes the exporter. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.close();
    }
}

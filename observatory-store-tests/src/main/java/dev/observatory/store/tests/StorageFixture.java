package dev.observatory.store.tests;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.StorageComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the contract parts: a fresh storage per test (closed after it) and small builders for test data.
 * Timestamps are fixed millisecond instants so that every backend round-trips them exactly.
 */
abstract class StorageFixture {

    /** Epoch milliseconds of step 0 in {@link #columns}: 2025-01-01T00:00:00Z. */
    static final long T0_MS = 1_735_689_600_000L;

    StorageComponent storage;

    abstract StorageComponent newStorage();

    @BeforeEach
    final void openStorage() {
        storage = newStorage();
    }

    @AfterEach
    final void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    static Instant at(long secondsAfterT0) {
        return Instant.ofEpochMilli(T0_MS + secondsAfterT0 * 1000);
    }

    void project(String name) {
        storage.projects().create(name, null);
    }

    Run run(String project, String name) {
        return storage.runs().create(NewRun.of(project, name));
    }

    Run run(String project, String name, RunStatus status, List<String> tags, Map<String, Object> params) {
        return storage.runs().create(new NewRun(project, name, status, null, tags, params, null, null, null, null));
    }

    /** Sleeps a little so that consecutive creations get distinct creation times on every backend. */
    static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Columns with timestamps {@code T0_MS + step}. */
    static MetricColumns columns(long[] steps, double[] values) {
        long[] ts = new long[steps.length];
        for (int i = 0; i < steps.length; i++) {
            ts[i] = T0_MS + steps[i];
        }
        return new MetricColumns(steps, values, ts);
    }

    /** Steps {@code from, from+1, ...} with the given values. */
    static MetricColumns stepsFrom(long from, double... values) {
        long[] steps = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            steps[i] = from + i;
        }
        return columns(steps, values);
    }

    /** {@code n} points at steps {@code 0..n-1} with {@code value(step)}. */
    static MetricColumns series(int n, LongToDoubleFunction value) {
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = value.applyAsDouble(i);
        }
        return columns(steps, values);
    }

    void append(String runId, String key, MetricColumns columns) {
        storage.metrics().append(runId, Map.of(key, columns));
    }

    MetricSummary summary(String runId, String key) {
        return storage.metrics().summaries(runId).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary for " + key));
    }
}

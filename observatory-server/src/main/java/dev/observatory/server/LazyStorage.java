package dev.observatory.server;

import dev.observatory.model.AuditEvent;
import dev.observatory.store.AuditStore;
import dev.observatory.store.Health;
import dev.observatory.store.KeyStore;
import dev.observatory.store.LogStore;
import dev.observatory.store.MetricStore;
import dev.observatory.store.MlflowStore;
import dev.observatory.store.ProjectStore;
import dev.observatory.store.RegistryStore;
import dev.observatory.store.RunStore;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.StoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A store that opens in the background, so that {@code observatory mcp} answers the client's {@code initialize} while
 * DuckDB loads its native library and opens the file (docs/decisions/0009-stdio-startup.md). Every use waits for the
 * open; a failed open makes every use fail with a StoreException that says why (tool calls turn it into an isError
 * result), never a hang.
 */
final class LazyStorage implements StorageComponent {

    private final CompletableFuture<StorageComponent> opening = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Supplier<StorageComponent> open;
    private final String kind;

    /** Starts opening at once, on a thread of its own. */
    LazyStorage(String kind, Supplier<StorageComponent> open) {
        this(kind, open, true);
    }

    /**
     * Starts opening at once, or ({@code startNow} false) at {@link #start()} or the first use, whichever comes first:
     * {@code observatory mcp} starts it after its first answer, so that DuckDB's start does not compete with the
     * {@code initialize} answer for the CPU (docs/decisions/0009-stdio-startup.md, addendum 3).
     */
    LazyStorage(String kind, Supplier<StorageComponent> open, boolean startNow) {
        this.kind = kind;
        this.open = open;
        if (startNow) {
            start();
        }
    }

    /** Starts opening on a thread of its own; does nothing when already started. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                opening.complete(open.get());
            } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
            }
        }, "storage-open");
        t.setDaemon(true);
        t.start();
    }

    /** The opened store; starts the open if nothing has yet, and waits for it. */
    StorageComponent get() {
        start();
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the storage was opening", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StoreException("the storage could not be opened: " + cause.getMessage(), cause);
        }
    }

    @Override
    public ProjectStore projects() {
        return get().projects();
    }

    @Override
    public RunStore runs() {
        return get().runs();
    }

    @Override
    public MetricStore metrics() {
        return get().metrics();
    }

    @Override
    public LogStore logs() {
        return get().logs();
    }

    /** Audit is handed out before the open completes (the Auditor takes it at construction); calls wait. */
    @Override
    public AuditStore audit() {
        return new AuditStore() {
            @Override
            public AuditEvent record(AuditEvent event) {
                return get().audit().record(event);
            }

            @Override
            public List<AuditEvent> list(long beforeId, int limit) {
                return get().audit().list(beforeId, limit);
            }
        };
    }

    @Override
    public KeyStore keys() {
        return get().keys();
    }

    @Override
    public MlflowStore mlflow() {
        return get().mlflow();
    }

    @Override
    public RegistryStore registry() {
        return get().registry();
    }

    @Override
    public dev.observatory.store.TraceStore traces() {
        return get().traces();
    }

    @Override
    public dev.observatory.store.ArtifactStore artifacts() {
        return get().artifacts();
    }

    @Override
    public dev.observatory.store.JobStore jobs() {
        return get().jobs();
    }

    @Override
    public dev.observatory.store.SqlQueryStore sql() {
        return get().sql();
    }

    @Override
    public dev.observatory.store.LineageStore lineage() {
        return get().lineage();
    }

    @Override
    public dev.observatory.store.TrainingConfigStore trainingConfigs() {
        return get().trainingConfigs();
    }

    @Override
    public dev.observatory.store.DatasetStore datasets() {
        return get().datasets();
    }

    @Override
    public dev.observatory.store.OpsStore ops() {
        return get().ops();
    }

    @Override
    public dev.observatory.store.BenchmarkStore benchmarks() {
        return get().benchmarks();
    }

    @Override
    public dev.observatory.store.EvalStore evals() {
        return get().evals();
    }

    @Override
    public dev.observatory.store.DeploymentStore deployments() {
        return get().deployments();
    }

    @Override
    public dev.observatory.store.BuildStore builds() {
        return get().builds();
    }

    @Override
    public Health check() {
        try {
            return get().check();
        } catch (StoreException e) {
            return Health.down(e.getMessage());
        }
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public long sizeBytes() {
        return get().sizeBytes();
    }

    @Override
    public void close() {
        if (!started.get()) {
            return; // never asked for: nothing was opened
        }
        try {
            get().close();
        } catch (StoreException e) {
            // never opened: nothing to close
        }
    }
}

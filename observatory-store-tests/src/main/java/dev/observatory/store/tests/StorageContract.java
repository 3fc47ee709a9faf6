package dev.observatory.store.tests;

import dev.observatory.store.StorageComponent;
import org.junit.jupiter.api.Nested;

/**
 * The contract every storage backend passes. A backend's test extends this class and implements {@link #newStorage()};
 * the suite runs every part below against it:
 *
 * <pre>
 * class DuckDbStorageTest extends StorageContract {
 *     &#64;TempDir
 *     Path dir;
 *
 *     &#64;Override
 *     protected StorageComponent newStorage() {
 *         return DuckDbStorage.open(dir.resolve(UUID.randomUUID() + ".duckdb"));
 *     }
 * }
 * </pre>
 *
 * The parts live in their own files (ProjectContract, RunContract, ...), one per store of the SPI; each test gets a
 * fresh storage and closes it afterwards.
 */
public abstract class StorageContract {

    /** A new, empty storage. Called once per test; the suite closes it after the test. */
    protected abstract StorageComponent newStorage();

    @Nested
    class Projects extends ProjectContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Runs extends RunContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class RunQueries extends RunQueryContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Metrics extends MetricContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class MetricHistory extends MetricHistoryContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Logs extends LogContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class AuditAndKeys extends AuditAndKeyContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Mlflow extends MlflowContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Registry extends RegistryContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Artifacts extends ArtifactContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Lineage extends LineageContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Traces extends TraceContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class OpsMetrics extends OpsMetricContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class ReadAfterWrite extends ReadAfterWriteContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class TrainingConfigs extends TrainingConfigContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Datasets extends DatasetContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Apm extends ApmContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Ops extends OpsContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Jobs extends JobContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Benchmarks extends BenchmarkContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Evals extends EvalContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Deployments extends DeploymentContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class TraceReadPaths extends TraceReadPathContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class Builds extends BuildContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    @Nested
    class M4Buckets extends M4BucketContract {
        @Override
        StorageComponent newStorage() {
            return StorageContract.this.newStorage();
        }
    }
}

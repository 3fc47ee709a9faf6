-- Benchmarks of serving endpoints and deployments (issue 7): one row per run, one row per concurrency level.
-- Written once when a benchmark finishes, never updated. Times are epoch milliseconds; latencies milliseconds.
CREATE TABLE benchmarks (
    id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    deployment_id TEXT,
    created_by TEXT,
    started_ms BIGINT NOT NULL,
    finished_ms BIGINT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    settings_json TEXT NOT NULL
);
CREATE INDEX benchmarks_model ON benchmarks (model, version, started_ms);
CREATE TABLE benchmark_levels (
    benchmark_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    concurrency INTEGER NOT NULL,
    requests BIGINT NOT NULL,
    errors BIGINT NOT NULL,
    duration_s DOUBLE PRECISION NOT NULL,
    throughput_rps DOUBLE PRECISION NOT NULL,
    p50_ms DOUBLE PRECISION NOT NULL,
    p95_ms DOUBLE PRECISION NOT NULL,
    p99_ms DOUBLE PRECISION NOT NULL,
    max_ms DOUBLE PRECISION NOT NULL,
    mean_ms DOUBLE PRECISION NOT NULL,
    completion_tokens BIGINT,
    first_error TEXT,
    PRIMARY KEY (benchmark_id, position)
);

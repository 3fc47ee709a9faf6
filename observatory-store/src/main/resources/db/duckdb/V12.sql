-- Training jobs (issue 6): one row per job, updated in place as it runs. No primary key or index: DuckDB's
-- over-eager index checks make in-place updates of indexed rows fail; the table stays small (one row per job).
-- spec_json and guardrail_json are the model records as JSON (NaN kept); times are epoch milliseconds.
CREATE TABLE jobs (
    id VARCHAR NOT NULL,
    project VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    spec_json VARCHAR NOT NULL,
    -- pending, running, succeeded, failed, stopped, guardrail_stopped, lost
    status VARCHAR NOT NULL,
    pid BIGINT,
    process_start_ms BIGINT,
    exit_code INTEGER,
    created_ms BIGINT NOT NULL,
    started_ms BIGINT,
    ended_ms BIGINT,
    failure VARCHAR,
    error_signature VARCHAR,
    guardrail_json VARCHAR,
    log_path VARCHAR
);

-- Append-only history of each job: lifecycle changes, guardrail alerts, signals. seq orders events of equal time.
CREATE TABLE job_events (
    job_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    kind VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    message VARCHAR NOT NULL
);
CREATE INDEX job_events_job ON job_events (job_id, seq);

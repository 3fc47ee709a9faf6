-- Observatory schema for PostgreSQL, version 1.
-- Metric series are stored in chunks (metric_chunks), never one row per point: see PgChunkCodec.

CREATE TABLE projects (
    name        text PRIMARY KEY,
    description text,
    created_at  timestamptz NOT NULL
);

CREATE TABLE runs (
    id           text PRIMARY KEY,
    project      text NOT NULL REFERENCES projects (name),
    name         text NOT NULL,
    status       text NOT NULL,
    user_name    text,
    tags         text[] NOT NULL DEFAULT '{}',
    params       json NOT NULL DEFAULT '{}',
    notes        text,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    ended_at     timestamptz,
    heartbeat_at timestamptz,
    git_commit   text,
    host         text,
    log_lines    bigint NOT NULL DEFAULT 0,
    CONSTRAINT runs_project_name_key UNIQUE (project, name)
);

CREATE INDEX runs_project_created_idx ON runs (project, created_at DESC);

CREATE INDEX runs_created_idx ON runs (created_at DESC);

-- One row per (run, key): the live summary (MetricSummary) kept on ingest, so run lists never scan history. Updated by
-- every append: no index on the summary columns and free room in each page, so the updates stay HOT (heap-only).
CREATE TABLE metric_series (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key             text NOT NULL,
    point_count     bigint NOT NULL DEFAULT 0,
    nan_count       bigint NOT NULL DEFAULT 0,
    first_step      bigint NOT NULL DEFAULT 0,
    first_value     double precision NOT NULL DEFAULT 'NaN',
    last_step       bigint NOT NULL DEFAULT 0,
    last_value      double precision NOT NULL DEFAULT 'NaN',
    last_ts         bigint NOT NULL DEFAULT 0,
    min_value       double precision NOT NULL DEFAULT 'NaN',
    arg_min_step    bigint NOT NULL DEFAULT 0,
    max_value       double precision NOT NULL DEFAULT 'NaN',
    arg_max_step    bigint NOT NULL DEFAULT 0,
    -- true while every point, in ingest order, has a step >= the previous one
    steps_sorted    boolean NOT NULL DEFAULT true,
    chunk_count     integer NOT NULL DEFAULT 0,
    tail_sizes      integer[] NOT NULL DEFAULT '{}',
    CONSTRAINT metric_series_run_key UNIQUE (run_id, key)
) WITH (fillfactor = 80);

-- Runs tables sorted or filtered by one metric's latest value look the key's rows up here (key and run_id never change,
-- so updates stay HOT).
CREATE INDEX metric_series_key_run ON metric_series (key, run_id);

-- Points of a series, up to PgChunkCodec.CHUNK_POINTS per row, in ingest order by chunk_no (see PgChunkPlan for how
-- appends fill them). The stats columns describe the chunk (finite values only for first/last/min/max) so that
-- downsampling can merge a chunk that falls inside one bucket without decoding it.
CREATE TABLE metric_chunks (
    series_id    bigint NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    chunk_no     integer NOT NULL,
    n            integer NOT NULL,
    min_step     bigint NOT NULL,
    max_step     bigint NOT NULL,
    steps_sorted boolean NOT NULL,
    nan_count    integer NOT NULL,
    first_step   bigint NOT NULL,
    first_value  double precision NOT NULL,
    last_step    bigint NOT NULL,
    last_value   double precision NOT NULL,
    min_value    double precision NOT NULL,
    arg_min_step bigint NOT NULL,
    max_value    double precision NOT NULL,
    arg_max_step bigint NOT NULL,
    steps        bytea NOT NULL,
    vals         bytea NOT NULL,
    ts           bytea NOT NULL,
    PRIMARY KEY (series_id, chunk_no)
);

-- Values are raw doubles: compression would cost CPU for nothing. Steps and timestamps compress further with pglz.
ALTER TABLE metric_chunks ALTER COLUMN vals SET STORAGE EXTERNAL;

CREATE TABLE log_lines (
    run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq    bigint NOT NULL,
    at     timestamptz NOT NULL,
    stream text,
    level  text,
    text   text,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE audit_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    surface text NOT NULL,
    action  text NOT NULL,
    target  text,
    detail  text
);

CREATE TABLE api_keys (
    id         text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    hash       text NOT NULL,
    scopes     text[] NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX api_keys_hash_idx ON api_keys (hash);

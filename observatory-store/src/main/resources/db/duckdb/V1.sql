-- Observatory schema for DuckDB. Times are TIMESTAMP in UTC (microseconds); metric timestamps are epoch milliseconds.
-- Uniqueness rules (project names, run names per project, key names) are enforced by the single writer thread.

CREATE TABLE projects (
    name VARCHAR PRIMARY KEY,
    description VARCHAR,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE runs (
    id VARCHAR PRIMARY KEY,
    project VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    user_name VARCHAR,
    tags_json VARCHAR NOT NULL,
    params_json VARCHAR NOT NULL,
    notes VARCHAR,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    ended_at TIMESTAMP,
    heartbeat_at TIMESTAMP,
    git_commit VARCHAR,
    host VARCHAR
);

-- DuckDB uses an index only for a lookup on that single column: queries by name filter the project in Java
CREATE INDEX runs_name ON runs (name);

-- one row per tag and per top-level param, for filters in SQL (value_text: see ParamText)
CREATE TABLE run_tags (
    run_id VARCHAR NOT NULL,
    tag VARCHAR NOT NULL
);

CREATE TABLE run_params (
    run_id VARCHAR NOT NULL,
    param_key VARCHAR NOT NULL,
    value_text VARCHAR
);

-- one row per (run, metric key) with the summary kept up to date on ingest (the "latest metrics" table)
CREATE TABLE series (
    series_id INTEGER PRIMARY KEY,
    run_id VARCHAR NOT NULL,
    metric_key VARCHAR NOT NULL,
    point_count BIGINT NOT NULL,
    nan_count BIGINT NOT NULL,
    first_step BIGINT NOT NULL,
    first_value DOUBLE NOT NULL,
    last_step BIGINT NOT NULL,
    last_value DOUBLE NOT NULL,
    last_ts BIGINT NOT NULL,
    min_value DOUBLE NOT NULL,
    min_step BIGINT NOT NULL,
    max_value DOUBLE NOT NULL,
    max_step BIGINT NOT NULL
);

CREATE INDEX series_run ON series (run_id);

-- every point as sent, in ingest order (rowid breaks ties between equal steps)
CREATE TABLE metric_points (
    series_id INTEGER NOT NULL,
    step BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    value DOUBLE NOT NULL
);

CREATE TABLE log_lines (
    run_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    logged_at TIMESTAMP NOT NULL,
    stream VARCHAR,
    level VARCHAR,
    text VARCHAR NOT NULL
);

CREATE TABLE audit_events (
    id BIGINT PRIMARY KEY,
    at_time TIMESTAMP NOT NULL,
    actor VARCHAR,
    surface VARCHAR,
    action VARCHAR,
    target VARCHAR,
    detail VARCHAR
);

CREATE TABLE api_keys (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    hash VARCHAR NOT NULL,
    scopes VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

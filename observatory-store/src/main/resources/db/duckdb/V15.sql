-- Deployments of model versions (issue 7): a model version served by a runtime on this host (process or docker).
-- One row per deployment, updated as it starts, turns healthy, stops or fails. spec_json holds argv and env (env values
-- may be secrets: views redact them). Times are epoch milliseconds. No primary key or index (like jobs): DuckDB's
-- over-eager index checks make in-place updates of indexed rows fail; the table stays small. Ids are unique by the
-- store's check before insert.
CREATE TABLE deployments (
    id TEXT NOT NULL,
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    version_id TEXT,
    environment TEXT NOT NULL,
    runtime TEXT NOT NULL,
    template TEXT NOT NULL,
    spec_json TEXT NOT NULL,
    port INTEGER NOT NULL,
    endpoint TEXT NOT NULL,
    health_url TEXT NOT NULL,
    status TEXT NOT NULL,
    status_message TEXT,
    pid BIGINT,
    process_start_ms BIGINT,
    log_path TEXT,
    restarts INTEGER NOT NULL,
    created_by TEXT,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

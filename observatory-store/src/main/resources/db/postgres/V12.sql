-- Deployments of model versions (issue 7): a model version served by a runtime on this host (process or docker).
-- One row per deployment, updated as it starts, turns healthy, stops or fails. spec_json holds argv and env (env values
-- may be secrets: views redact them). Times are epoch milliseconds.
CREATE TABLE deployments (
    id TEXT PRIMARY KEY,
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
CREATE INDEX deployments_status ON deployments (status);
CREATE INDEX deployments_model ON deployments (model, created_ms);

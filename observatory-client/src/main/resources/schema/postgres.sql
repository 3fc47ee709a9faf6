-- Observatory APM library: the table PostgresExporter writes (dev.observatory.client.apm.TraceContext).
-- Apply once (PostgresExporter.createSchema() runs this file); every statement is idempotent.
CREATE TABLE IF NOT EXISTS traces (
    trace_id          TEXT             NOT NULL,
    span_id           TEXT             NOT NULL,
    parent_span_id    TEXT,
    service           TEXT             NOT NULL,
    model             TEXT,
    tool_name         TEXT,
    start_time        TIMESTAMPTZ      NOT NULL,
    end_time          TIMESTAMPTZ      NOT NULL,
    prompt_tokens     BIGINT           NOT NULL DEFAULT 0,
    completion_tokens BIGINT           NOT NULL DEFAULT 0,
    tokens_estimated  BOOLEAN          NOT NULL DEFAULT FALSE,
    cost_usd          DOUBLE PRECISION,
    retries           INTEGER          NOT NULL DEFAULT 0,
    fallback_used     BOOLEAN          NOT NULL DEFAULT FALSE,
    confidence        DOUBLE PRECISION,
    error             TEXT,
    attributes        JSONB            NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX IF NOT EXISTS traces_service_start ON traces (service, start_time);
CREATE INDEX IF NOT EXISTS traces_model_start ON traces (model, start_time) WHERE model IS NOT NULL;
CREATE INDEX IF NOT EXISTS traces_errors ON traces (service, start_time) WHERE error IS NOT NULL;

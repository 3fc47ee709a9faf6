-- Spans of distributed traces (issue 5): one row per span, with the columns derived at ingest from the GenAI / MCP
-- semantic conventions and the observatory.* reliability attributes; attributes, resource, events and links as json (text kept as sent: key order is kept).
-- The primary key makes a re-sent span a no-op (INSERT ... ON CONFLICT DO NOTHING). Times are epoch nanoseconds.
CREATE TABLE spans (
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    parent_span_id TEXT,
    service TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    status_message TEXT,
    start_ns BIGINT NOT NULL,
    end_ns BIGINT NOT NULL,
    duration_ns BIGINT NOT NULL,
    operation TEXT,
    provider TEXT,
    model TEXT,
    tool_name TEXT,
    user_id TEXT,
    input_tokens BIGINT,
    output_tokens BIGINT,
    tokens_estimated BOOLEAN NOT NULL,
    cost_usd DOUBLE PRECISION,
    cost_note TEXT,
    error_type TEXT,
    retries INTEGER,
    fallback_used BOOLEAN,
    confidence DOUBLE PRECISION,
    gate_threshold DOUBLE PRECISION,
    gate_blocked BOOLEAN,
    deterministic_fallback BOOLEAN,
    high_risk_path BOOLEAN,
    prompt_diff_score DOUBLE PRECISION,
    shadow_agreement BOOLEAN,
    golden_scenario BOOLEAN,
    golden_passed BOOLEAN,
    scope TEXT NOT NULL,
    scope_version TEXT NOT NULL,
    attributes JSON NOT NULL,
    resource JSON NOT NULL,
    events JSON NOT NULL,
    links JSON NOT NULL,
    PRIMARY KEY (trace_id, span_id)
);

-- time windows (list, usage, snapshot, retention) and the common filters within them
CREATE INDEX spans_start ON spans (start_ns);
CREATE INDEX spans_service_start ON spans (service, start_ns);
CREATE INDEX spans_model_start ON spans (model, start_ns) WHERE model IS NOT NULL;
CREATE INDEX spans_tool_start ON spans (tool_name, start_ns) WHERE tool_name IS NOT NULL;
CREATE INDEX spans_errors ON spans (start_ns) WHERE status = 'ERROR' OR error_type IS NOT NULL;

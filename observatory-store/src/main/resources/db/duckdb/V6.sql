-- Spans of distributed traces (issue 5): one row per span, with the columns derived at ingest from the GenAI / MCP
-- semantic conventions and the observatory.* reliability attributes; attributes, resource, events and links as JSON
-- text. No primary key and no index (ART indexes on strings halve ingest speed): before appending a batch, the writer
-- reads the keys stored in the batch's start_ns range (a re-sent span has the same start), which zone maps find
-- without an index; when that range holds many spans, the batch goes through spans_in and an anti-join instead.
-- Times are epoch nanoseconds. Rows arrive roughly in start order, so row-group zone maps prune time filters.
CREATE TABLE spans (
    trace_id VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    parent_span_id VARCHAR,
    service VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    status_message VARCHAR,
    start_ns BIGINT NOT NULL,
    end_ns BIGINT NOT NULL,
    duration_ns BIGINT NOT NULL,
    operation VARCHAR,
    provider VARCHAR,
    model VARCHAR,
    tool_name VARCHAR,
    user_id VARCHAR,
    input_tokens BIGINT,
    output_tokens BIGINT,
    tokens_estimated BOOLEAN NOT NULL,
    cost_usd DOUBLE,
    cost_note VARCHAR,
    error_type VARCHAR,
    retries INTEGER,
    fallback_used BOOLEAN,
    confidence DOUBLE,
    gate_threshold DOUBLE,
    gate_blocked BOOLEAN,
    deterministic_fallback BOOLEAN,
    high_risk_path BOOLEAN,
    prompt_diff_score DOUBLE,
    shadow_agreement BOOLEAN,
    golden_scenario BOOLEAN,
    golden_passed BOOLEAN,
    scope VARCHAR NOT NULL,
    scope_version VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    resource VARCHAR NOT NULL,
    events VARCHAR NOT NULL,
    links VARCHAR NOT NULL
);

CREATE INDEX spans_trace ON spans (trace_id);

-- Staging for ingest on the writer thread: filled with the Appender, copied into spans, emptied, all in one
-- transaction (never holds committed rows).
CREATE TABLE spans_in AS SELECT * FROM spans LIMIT 0;

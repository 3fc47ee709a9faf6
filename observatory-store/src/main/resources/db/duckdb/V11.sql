-- SLOs and alerting (issue 10). SLI rollups: spans per 5-minute bucket and (service, span name, kind, tool, model)
-- with their count, failures and latency-histogram bucket (le: index into the fixed LatencyBuckets); absent tool and
-- model are ''. sli_state holds the watermark (spans that started before it are in the rollups). No index: rows are
-- appended in bucket order, so zone maps prune time filters.
CREATE TABLE sli_rollups (
    bucket_ns BIGINT NOT NULL,
    service VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    tool VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    le INTEGER NOT NULL,
    calls BIGINT NOT NULL,
    errors BIGINT NOT NULL
);

-- The same per hour, built from the 5-minute rows of whole hours below the watermark (long windows read these).
CREATE TABLE sli_rollups_hourly AS SELECT * FROM sli_rollups LIMIT 0;

CREATE TABLE sli_state (
    id INTEGER PRIMARY KEY,
    rolled_up_to BIGINT NOT NULL
);

-- SLO definitions, alert rules, alert states, silences and routes as JSON documents.
CREATE TABLE ops_documents (
    kind VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);

-- The alert delivery log.
CREATE TABLE alert_deliveries (
    at_ms BIGINT NOT NULL,
    sink VARCHAR NOT NULL,
    alert VARCHAR,
    rule VARCHAR,
    state VARCHAR,
    outcome VARCHAR NOT NULL,
    attempts INTEGER NOT NULL,
    detail VARCHAR
);

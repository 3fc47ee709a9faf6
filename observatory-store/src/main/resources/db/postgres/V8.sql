-- SLOs and alerting (issue 10). SLI rollups: spans per 5-minute bucket and (service, span name, kind, tool, model)
-- with their count, failures and latency-histogram bucket (le: index into the fixed LatencyBuckets); absent tool and
-- model are ''. sli_state holds the watermark (spans that started before it are in the rollups).
CREATE TABLE sli_rollups (
    bucket_ns BIGINT NOT NULL,
    service TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    tool TEXT NOT NULL,
    model TEXT NOT NULL,
    le INTEGER NOT NULL,
    calls BIGINT NOT NULL,
    errors BIGINT NOT NULL
);

CREATE INDEX sli_rollups_service_bucket ON sli_rollups (service, bucket_ns);
CREATE INDEX sli_rollups_bucket ON sli_rollups (bucket_ns);

CREATE TABLE sli_rollups_hourly (LIKE sli_rollups);
CREATE INDEX sli_rollups_hourly_bucket ON sli_rollups_hourly (bucket_ns);

CREATE TABLE sli_state (
    id INTEGER PRIMARY KEY,
    rolled_up_to BIGINT NOT NULL
);

-- SLO definitions, alert rules, alert states, silences and routes as JSON documents.
CREATE TABLE ops_documents (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);

-- The alert delivery log.
CREATE TABLE alert_deliveries (
    at_ms BIGINT NOT NULL,
    sink TEXT NOT NULL,
    alert TEXT,
    rule TEXT,
    state TEXT,
    outcome TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    detail TEXT
);

CREATE INDEX alert_deliveries_at ON alert_deliveries (at_ms);

-- Service metrics (issue 10): OTLP metrics and Prometheus remote write, apart from the run metrics of experiments.
-- A series is a metric name and a label set (labels as a JSON object sorted by key); series_id is the FNV-1a 64 hash
-- of both (OpsSeries.id). Samples carry epoch-millisecond times; they arrive in time order, so zone maps on ts_ms skip
-- most row groups of a time-range read. A re-sent sample may be stored twice; reads keep one value per time.
CREATE TABLE ops_series (
    series_id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    labels TEXT NOT NULL
);
CREATE TABLE ops_samples (
    series_id BIGINT NOT NULL,
    ts_ms BIGINT NOT NULL,
    value DOUBLE NOT NULL
-- Training configurations (append-only versions) and registered datasets (issue 6). Times are epoch milliseconds.

CREATE TABLE training_configs (
    name VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    -- template whose JSON Schema validates the content, e.g. lora-finetune
    template VARCHAR NOT NULL,
    -- yaml or json
    format VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    description VARCHAR,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE datasets (
    name VARCHAR NOT NULL PRIMARY KEY,
    path VARCHAR NOT NULL,
    -- image, text or mixed
    kind VARCHAR NOT NULL,
    -- directory or archive
    source VARCHAR NOT NULL,
    description VARCHAR,
    metadata_json VARCHAR NOT NULL,
    created_ms BIGINT NOT NULL
);

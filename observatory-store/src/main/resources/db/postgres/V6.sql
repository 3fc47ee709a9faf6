-- Service metrics (issue 10): OTLP metrics and Prometheus remote write, apart from the run metrics of experiments.
-- A series is a metric name and a label set (labels as a JSON object sorted by key); series_id is the FNV-1a 64 hash
-- of both (OpsSeries.id). Samples carry epoch-millisecond times. A re-sent sample may be stored twice; reads keep one
-- value per time.
CREATE TABLE ops_series (
    series_id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    labels TEXT NOT NULL
);
CREATE INDEX ops_series_name ON ops_series (name);
CREATE TABLE ops_samples (
    series_id BIGINT NOT NULL,
    ts_ms BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL
);
CREATE INDEX ops_samples_series_ts ON ops_samples (series_id, ts_ms);
CREATE INDEX ops_samples_ts ON ops_samples (ts_ms);

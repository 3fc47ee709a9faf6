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
);

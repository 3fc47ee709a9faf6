-- Artifacts and lineage (issue 4). Times are epoch milliseconds. (run_id, path) is unique per run, enforced by the single
-- writer thread (no unique index: DuckDB checks those too eagerly on updates inside a transaction).

CREATE TABLE artifacts (
    id VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    project VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 VARCHAR,
    content_type VARCHAR NOT NULL,
    -- checkpoint, replay, model, dataset, report, other
    kind VARCHAR NOT NULL,
    step BIGINT,
    epoch BIGINT,
    -- free JSON object (header facts, user metadata)
    metadata_json VARCHAR NOT NULL,
    created_ms BIGINT NOT NULL,
    -- key of the bytes in the blob store
    blob_key VARCHAR NOT NULL
);

CREATE INDEX artifacts_id ON artifacts (id);
-- list_checkpoints of a run: run + kind, ordered by step
CREATE INDEX artifacts_run_kind_step ON artifacts (run_id, kind, step);
CREATE INDEX artifacts_run_path ON artifacts (run_id, path);

-- Directed edges between entities written kind/id (run/..., job/..., artifact/..., model_version/..., ...).
CREATE TABLE lineage_edges (
    from_ref VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    to_ref VARCHAR NOT NULL,
    created_ms BIGINT NOT NULL,
    -- ingest or explicit
    source VARCHAR NOT NULL
);

CREATE INDEX lineage_edges_from ON lineage_edges (from_ref);
CREATE INDEX lineage_edges_to ON lineage_edges (to_ref);

-- Artifacts and lineage (issue 4). Times are epoch milliseconds.

CREATE TABLE artifacts (
    id            text PRIMARY KEY,
    run_id        text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    project       text NOT NULL,
    path          text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        text,
    content_type  text NOT NULL,
    -- checkpoint, replay, model, dataset, report, other
    kind          text NOT NULL,
    step          bigint,
    epoch         bigint,
    -- free JSON object (header facts, user metadata)
    metadata_json text NOT NULL,
    created_ms    bigint NOT NULL,
    -- key of the bytes in the blob store
    blob_key      text NOT NULL,
    CONSTRAINT artifacts_run_path UNIQUE (run_id, path)
);

-- list_checkpoints of a run: run + kind, ordered by step
CREATE INDEX artifacts_run_kind_step_idx ON artifacts (run_id, kind, step);
CREATE INDEX artifacts_project_idx ON artifacts (project);

-- Directed edges between entities written kind/id (run/..., job/..., artifact/..., model_version/..., ...).
CREATE TABLE lineage_edges (
    from_ref   text NOT NULL,
    relation   text NOT NULL,
    to_ref     text NOT NULL,
    created_ms bigint NOT NULL,
    -- ingest or explicit
    source     text NOT NULL,
    PRIMARY KEY (from_ref, relation, to_ref)
);

CREATE INDEX lineage_edges_to_idx ON lineage_edges (to_ref);

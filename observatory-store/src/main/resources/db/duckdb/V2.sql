-- Model registry (issue 2): registered models, their versions, tags and aliases. Times are epoch milliseconds (MLflow's
-- precision). Uniqueness (model names, version numbers per model, aliases per model) is enforced by the single writer
-- thread; no unique indexes, so that renames and alias moves never hit DuckDB's over-eager constraint checks.

CREATE TABLE registered_models (
    name VARCHAR NOT NULL,
    description VARCHAR,
    owner_name VARCHAR,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    -- highest version number ever assigned: numbers of deleted versions are not reused
    last_version INTEGER NOT NULL
);

CREATE TABLE registered_model_tags (
    model VARCHAR NOT NULL,
    tag_key VARCHAR NOT NULL,
    tag_value VARCHAR NOT NULL
);

CREATE TABLE model_versions (
    id VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    version_number INTEGER NOT NULL,
    source_uri VARCHAR,
    run_id VARCHAR,
    status VARCHAR NOT NULL,
    status_message VARCHAR,
    description VARCHAR,
    created_by VARCHAR,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    stage VARCHAR NOT NULL,
    -- metrics snapshot: a JSON object of key -> number (or "NaN", "Infinity", "-Infinity")
    metrics_json VARCHAR NOT NULL
);

CREATE INDEX model_versions_model ON model_versions (model);

CREATE TABLE model_version_tags (
    version_id VARCHAR NOT NULL,
    tag_key VARCHAR NOT NULL,
    tag_value VARCHAR NOT NULL
);

CREATE TABLE model_aliases (
    model VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    version_number INTEGER NOT NULL
);

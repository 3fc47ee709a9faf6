-- Model registry (issue 2): registered models, their versions, tags and aliases. Times are epoch milliseconds (MLflow's
-- precision). Renaming a model cascades to everything that names it; deleting it removes them.

CREATE TABLE registered_models (
    name         text PRIMARY KEY,
    description  text,
    owner_name   text,
    created_ms   bigint NOT NULL,
    updated_ms   bigint NOT NULL,
    -- highest version number ever assigned: numbers of deleted versions are not reused
    last_version integer NOT NULL DEFAULT 0
);

CREATE TABLE registered_model_tags (
    model     text NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    tag_key   text NOT NULL,
    tag_value text NOT NULL,
    PRIMARY KEY (model, tag_key)
);

CREATE TABLE model_versions (
    id             text PRIMARY KEY,
    model          text NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    version_number integer NOT NULL,
    source_uri     text,
    run_id         text,
    status         text NOT NULL,
    status_message text,
    description    text,
    created_by     text,
    created_ms     bigint NOT NULL,
    updated_ms     bigint NOT NULL,
    stage          text NOT NULL,
    -- metrics snapshot: a JSON object of key -> number (or "NaN", "Infinity", "-Infinity")
    metrics_json   text NOT NULL,
    CONSTRAINT model_versions_model_number UNIQUE (model, version_number)
);

CREATE INDEX model_versions_run_idx ON model_versions (run_id);

CREATE TABLE model_version_tags (
    version_id text NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
    tag_key    text NOT NULL,
    tag_value  text NOT NULL,
    PRIMARY KEY (version_id, tag_key)
);

CREATE TABLE model_aliases (
    model          text NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
    alias          text NOT NULL,
    version_number integer NOT NULL,
    PRIMARY KEY (model, alias)
);

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

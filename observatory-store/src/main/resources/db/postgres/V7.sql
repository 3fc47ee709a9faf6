-- Training configurations (append-only versions) and registered datasets (issue 6). Times are epoch milliseconds.

CREATE TABLE training_configs (
    name        text NOT NULL,
    version     integer NOT NULL,
    -- template whose JSON Schema validates the content, e.g. lora-finetune
    template    text NOT NULL,
    -- yaml or json
    format      text NOT NULL,
    content     text NOT NULL,
    description text,
    created_ms  bigint NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE INDEX training_configs_template_idx ON training_configs (template);

CREATE TABLE datasets (
    name          text PRIMARY KEY,
    path          text NOT NULL,
    -- image, text or mixed
    kind          text NOT NULL,
    -- directory or archive
    source        text NOT NULL,
    description   text,
    metadata_json text NOT NULL,
    created_ms    bigint NOT NULL
);

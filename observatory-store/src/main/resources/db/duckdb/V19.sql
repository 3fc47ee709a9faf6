-- Builds of serving images and packages (issue 7): a command run in a context directory, with its log, outcome and
-- output size. argv_json holds the command. Times are epoch milliseconds. No primary key or index (like deployments):
-- rows are updated in place when the build ends; ids are unique by the store's check before insert.
CREATE TABLE builds (
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    context TEXT NOT NULL,
    template TEXT,
    argv_json TEXT NOT NULL,
    output TEXT,
    status TEXT NOT NULL,
    status_message TEXT,
    exit_code BIGINT,
    log_path TEXT,
    size_bytes BIGINT,
    created_by TEXT,
    created_ms BIGINT NOT NULL,
    finished_ms BIGINT
);

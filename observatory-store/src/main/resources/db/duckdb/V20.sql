-- Metric point layout (decision 0035): the writer rewrites, in idle time, the metric_points rows ingested since the
-- last rewrite grouped by series (each series' rows in ingest order), so that a series fills whole row groups and a
-- chart's scan skips the other series' row groups. clustered_end is the rowid where the rows not yet rewritten start
-- (0: all of them, so an existing database is rewritten once, in bounded steps).
CREATE TABLE metric_layout_state (id INTEGER PRIMARY KEY, clustered_end BIGINT NOT NULL);
INSERT INTO metric_layout_state VALUES (1, 0);
